/* yusuan — Chinese government departmental budgets (部门预算): compile,
 * check and audit.  This umbrella header includes the whole public API of
 * libyusuan.  Each header also stands alone; all are plain C11 and declare
 * their functions extern "C" for C++.  None includes a header of a library
 * yusuan uses (cairo, libxlsxwriter, poppler …): a program that only reads
 * layouts or audits text compiles without them, and links with -lyusuan
 * (pkg-config --cflags --libs yusuan; docs/install.md). */
#ifndef YUSUAN_H
#define YUSUAN_H

#include "version.h"
#include "error.h"
#include "money.h"
#include "catalog.h"
#include "layout.h"
#include "model.h"
#include "engine.h"
#include "render.h"
#include "rules.h"
#include "store.h"
#include "xlsx.h"
#include "audit.h"
#include "read.h"
#include "words.h"
#include "year.h"

#endif
