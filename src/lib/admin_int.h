/* The administration's layout (yu_admin), shared by consolidate.c (the pass) and admin_load.c (a year's
 * items laid in place from the store's line blocks): internal, not part of the API. */
#ifndef YU_ADMIN_INT_H
#define YU_ADMIN_INT_H

#include <stddef.h>
#include <stdint.h>
#include "yusuan/store.h"

struct yu_admin {
    size_t n, cap;
    char **code, **name;
    int32_t *parent;
    uint8_t *has_budget;
    uint64_t *lstart;  /* block of the node's compact line items */
    uint32_t *lcount;
    yu_money *funds;   /* cap × YU_F_COUNT */
    yu_money *sangong; /* cap × YU_SG_COUNT */
    yu_money *proc;    /* cap × YU_P_COUNT */
    /* compact line items */
    uint32_t *lkey;
    yu_money *lamt;
    size_t nl, capl;
    /* keys */
    yu_cube_key *keys;
    uint8_t *kclass;   /* 1: 对附属单位补助支出 (非财政), 2: 上缴上级支出 (非财政), 0 other */
    size_t nkeys, capk;
    uint64_t *kpack;   /* packed key of each id (hash table check) */
    uint32_t *khash;   /* id + 1, open addressing */
    size_t kmask;
    int32_t *chash;    /* node index + 1 by code */
    size_t cmask;
    yu_money sum;      /* Σ |amount| of every budget added (checked: YU_MONEY_SUM_MAX) */
    /* a year segment mapped read only (store_seg.c): parent, has_budget, lstart, lcount, funds, sangong,
       proc, lkey, lamt and the strings of code and name point into it; such an admin takes no more nodes
       or items (YU_EUSAGE) */
    void *map;
    size_t map_bytes;
};

uint64_t yu__mix64(uint64_t h);
/* malloc for big arrays: pages come as they are touched (huge pages asked for) */
void *yu__big_alloc(size_t bytes);
/* The packed form of a key (func < 2^24, econ < 2^20) and its id, added when new (UINT32_MAX: out of memory). */
uint64_t yu__admin_pack_key(uint32_t func, uint32_t econ, unsigned type, unsigned source, unsigned jijian);
uint32_t yu__admin_key_id(yu_admin *a, uint64_t pk, uint32_t func, uint32_t econ, unsigned type, unsigned source,
                          unsigned jijian);

/* The code index (chash) of the admin's n nodes, built afresh (an admin made from a segment).  0, -1 out of memory. */
int yu__admin_index_codes(yu_admin *a);

/* Room for n nodes at once (their arrays in huge pages where the system has them). */
yu_status yu__admin_reserve_nodes(yu_admin *a, size_t n);
/* The admin's keys become keys[0..n) (ids 0..n-1: a year's dictionary), before any budget is added.
 * YU_EUSAGE when it has keys already, YU_ENOMEM. */
yu_status yu__admin_set_keys(yu_admin *a, const yu_cube_key *keys, size_t n);
/* Where a loader writes the next items in place: lkey/lamt at yu_admin_lines(a), room for *room. */
void yu__admin_next(yu_admin *a, uint32_t **lkey, yu_money **lamt, size_t *room);
/* Gives node the `count` items written at yu_admin_lines(a) (yu__admin_next) and its funds, 三公 and
 * procurement: the key ids are checked (YU_EVALUE when one is not a key), the amounts' sum too (YU_ELIMIT). */
yu_status yu__admin_take(yu_admin *a, int32_t node, size_t count, const yu_money *funds, const yu_money *sangong,
                         const yu_money *proc);

/* Faults in the pages of the admin's first `items` items on another thread while the caller fills them
 * (the kernel zeroes each fresh page once, on that thread): yu__prefault_start, then _stop before the
 * arrays are moved or freed.  Never writes: pages already filled keep their bytes. */
typedef struct yu__prefault yu__prefault;
yu__prefault *yu__prefault_start(yu_admin *a, size_t items);
void yu__prefault_stop(yu__prefault *p);

#endif
