/* Markdown renderer. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "render_internal.h"

const char *rt_hdr_flat(const yu_table *T, size_t c, char *buf, size_t n)
{
    buf[0] = 0;
    size_t k = 0;
    for (int j = 0; j < T->lt->cols[c].depth; j++) {
        const char *l = T->hdr[c * YU_HDR_MAX + j];
        if (!l)
            continue;
        k += (size_t)snprintf(buf + k, k < n ? n - k : 0, "%s%s", j ? "/" : "", l);
        if (k >= n)
            break;
    }
    return buf;
}

static void md_cell(yu_buf *o, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            yu_buf_puts(o, "\\|");
        else if (*s == '\n')
            yu_buf_puts(o, "<br>");
        else
            yu_buf_add(o, s, 1);
    }
}

static void md_table(yu_buf *o, const yu_doc *d, const yu_table *T)
{
    const yu_ltable *lt = T->lt;
    yu_buf_printf(o, "\n### %s\n\n%s%s单位：%s\n\n|", T->title, d->org_line ? d->org_line : "", d->org_line ? "　" : "", yu_table_unit_label(d, T));
    char hb[512];
    for (size_t c = 0; c < lt->ncols; c++) {
        yu_buf_puts(o, " ");
        md_cell(o, rt_hdr_flat(T, c, hb, sizeof hb));
        yu_buf_puts(o, " |");
    }
    yu_buf_puts(o, "\n|");
    int *right;
    const char **body = rt_table_strings(d, T, &right);
    if (!body) {
        o->oom = 1;
        return;
    }
    for (size_t c = 0; c < lt->ncols; c++)
        yu_buf_puts(o, right[c] ? " ---: |" : " --- |");
    yu_buf_puts(o, "\n");
    size_t nr = yu_table_rows_shown(T);
    for (size_t r = 0; r < nr; r++) {
        int bold = T->rows[r].flags & YU_ROW_TOTAL;
        yu_buf_puts(o, "|");
        for (size_t c = 0; c < lt->ncols; c++) {
            const char *s = body[r * lt->ncols + c];
            yu_buf_puts(o, " ");
            if (bold && *s)
                yu_buf_puts(o, "**");
            md_cell(o, s);
            if (bold && *s)
                yu_buf_puts(o, "**");
            yu_buf_puts(o, " |");
        }
        yu_buf_puts(o, "\n");
    }
    rt_table_strings_free(body, T->nrows * lt->ncols, right);
    if (T->empty && T->note)
        yu_buf_printf(o, "\n%s\n", T->note);
}

static void md_perf(yu_buf *o, const yu_doc *d, const yu_perf *p)
{
    char a[64], b[64], c[64], e[64];
    yu_buf_printf(o, "\n#### 项目绩效目标表（%d年度）：%s\n\n", d->b->year, p->p->name);
    yu_buf_puts(o, "| 项目 | 内容 |\n| --- | --- |\n");
    yu_buf_puts(o, "| 二级项目名称 | ");
    md_cell(o, p->p->name);
    yu_buf_puts(o, " |\n| 主管部门及代码 | ");
    md_cell(o, p->p->department);
    yu_buf_puts(o, " |\n| 实施单位 | ");
    md_cell(o, p->p->implementer);
    yu_buf_printf(o, " |\n| 年度资金总额（%s） | %s |\n| 其中：财政拨款 | %s |\n| 上年结转 | %s |\n| 其他资金 | %s |\n",
                  p->unit_label, yu_fmt_units(p->total, p->decimals, YU_NUM_TABLE, a, sizeof a),
                  yu_fmt_units(p->fiscal, p->decimals, YU_NUM_TABLE, b, sizeof b),
                  yu_fmt_units(p->carry, p->decimals, YU_NUM_TABLE, c, sizeof c),
                  yu_fmt_units(p->other, p->decimals, YU_NUM_TABLE, e, sizeof e));
    if (p->p->exec_score)
        yu_buf_printf(o, "| 执行率分值 | %d |\n", p->p->exec_score);
    yu_buf_puts(o, "| 年度总体目标 | ");
    md_cell(o, p->p->goal);
    yu_buf_printf(o, " |\n\n| 一级指标 | 二级指标 | 三级指标 | 指标值 | 分值权重（%d） |\n| --- | --- | --- | --- | ---: |\n",
                  100 - p->p->exec_score);
    for (size_t r = 0; r < p->nrows; r++) {
        const yu_perf_row *x = &p->rows[r];
        char w[32];
        yu_buf_puts(o, "| ");
        md_cell(o, x->l1);
        yu_buf_puts(o, " | ");
        md_cell(o, x->l2);
        yu_buf_puts(o, " | ");
        md_cell(o, x->l3);
        yu_buf_puts(o, " | ");
        md_cell(o, x->value);
        yu_buf_printf(o, " | %s |\n", yu_fmt_units(x->weight, 2, YU_NUM_PROSE, w, sizeof w));
    }
}

yu_status rt_md(const yu_doc *d, yu_buf *o)
{
    for (size_t i = 0; i < d->nblocks; i++) {
        const yu_block *b = &d->blocks[i];
        switch (b->kind) {
        case YU_B_TITLE:
            yu_buf_printf(o, "# %s %s\n", b->text, b->sub ? b->sub : "");
            break;
        case YU_B_TOC:
            yu_buf_puts(o, "\n## 目录\n\n");
            for (size_t k = 0; k < b->nsegs; k++)
                yu_buf_printf(o, "%s- %s\n", b->levels[k] ? "  " : "", b->segs[k].text);
            break;
        case YU_B_PART:
            yu_buf_printf(o, "\n## %s %s\n", b->text, b->sub ? b->sub : "");
            break;
        case YU_B_H1:
            yu_buf_printf(o, "\n### %s\n", b->text);
            break;
        case YU_B_H2:
            yu_buf_printf(o, "\n#### %s\n", b->text);
            break;
        case YU_B_PARA:
            yu_buf_puts(o, "\n");
            rt_para(o, d, b);
            yu_buf_puts(o, "\n");
            break;
        case YU_B_TABLE:
            md_table(o, d, &d->tables[b->index]);
            break;
        case YU_B_PERF:
            md_perf(o, d, &d->perf[b->index]);
            break;
        case YU_B_PAGEBREAK:
            break;
        }
    }
    return o->oom ? YU_ENOMEM : YU_OK;
}
