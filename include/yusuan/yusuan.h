/* yusuan — Chinese government departmental budgets (部门预算): compile,
 * check and audit.  This umbrella header includes the whole public API of
 * libyusuan. */
#ifndef YUSUAN_H
#define YUSUAN_H

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

#define YUSUAN_VERSION "0.1.0"

#endif
