#!/bin/sh
# End-to-end tests of `yusuan extract` and `yusuan audit` on documents read
# WITHOUT a template of their own: ../shared/corpus/wide, 25 published budgets
# of Shanghai, Guangzhou, Suzhou, Hangzhou and Fuzhou (2026) and Foshan (2019
# 决算), and two documents that are not budgets at all.  Everything asserted
# here was checked by reading the page (the .layout.txt beside each PDF):
#   - the tables of each document: their number and titles, in order (a table
#     missed or invented is a failure), and the document's unit, year and kind;
#   - sampled rows of at least three tables per document (a 合计 row and 科目
#     rows): code, name and every figure printed in the row, left to right;
#   - the non-budgets are refused plainly (exit 2, 不是预算或决算公开文件);
#   - every error / missing finding of audit: the real ones asserted, and, for
#     the documents with no false alarm, their count, so a new one fails;
#   - extract -f csv of several files: one header, every line self-describing;
#   - the PDF and its pdftotext -layout text read to the same tables.
# Assertions describe the TRUE content of the documents; where the reader
# misreads a page, the assertion fails until the reader is fixed.
set -u
Y=${YUSUAN:-build/bin/yusuan}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
C="$ROOT/../shared/corpus/wide"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
if [ ! -d "$C" ]; then
  # ../shared is part of the test set-up: missing, the test fails (developers may opt out)
  if [ -n "${YUSUAN_ALLOW_MISSING_FIXTURES:-}" ]; then echo "skip (YUSUAN_ALLOW_MISSING_FIXTURES): wide corpus not found at $C"; exit 0; fi
  echo "FAIL: wide corpus not found at $C (../shared; set YUSUAN_ALLOW_MISSING_FIXTURES=1 to skip)"
  echo "wide: $pass passed, 1 failed"
  exit 1
fi
T=$(mktemp -d /tmp/yusuan-wide.XXXXXX)
trap 'rm -rf "$T"' EXIT

# The checker: reads extract's JSON and a spec on stdin, prints one line per
# assertion, "ok" or "FAIL: why".  Spec lines ('|' separated):
#   M|unit name|year|kind             the document
#   T|title                           the tables, in order (all T lines = the list)
#   R|table title|code|name|figures   a row: the first row of that table with that
#                                     code and name; its figures = the non-blank
#                                     cells (行次 columns left out) left to right,
#                                     as printed ("1,234.50", "-"), compared by value
# Titles and names are compared without spaces, with （）“” as ()"", and
# without a leading year (2026年 / 2026年度).
cat > "$T/check.py" <<'PY'
import json, re, sys
from decimal import Decimal, InvalidOperation
doc = json.load(open(sys.argv[1], encoding='utf-8'))
def norm(s):
    s = (s or '').replace('（', '(').replace('）', ')')
    s = re.sub('[“”"]', '"', s)
    s = re.sub(r'\s+', '', s)
    return re.sub(r'^20\d\d年度?', '', s)
def val(s):
    try: return Decimal(s.replace(',', ''))
    except (InvalidOperation, AttributeError): return s
out = []
def check(cond, msg): out.append('ok' if cond else 'FAIL: ' + msg)
titles = []
for line in sys.stdin.read().splitlines():
    if not line.strip() or line.startswith('#'): continue
    f = line.split('|')
    if f[0] == 'M':
        got = (norm(doc.get('unit_name')), str(doc.get('year')), doc.get('kind'))
        check(got == (norm(f[1]), f[2], f[3]), 'document is %s %s %s, want %s %s %s' % (got + tuple(f[1:4])))
        check(doc.get('is_budget') is True, 'is_budget is not true')
    elif f[0] == 'T':
        titles.append(norm(f[1]))
    elif f[0] == 'R':
        title, code, name, want = norm(f[1]), f[2], norm(f[3]), f[4].split()
        ts = [t for t in doc['tables'] if norm(t['title']) == title]
        if not ts:
            check(False, 'no table %s (for row %s %s)' % (f[1], code, f[3])); continue
        t = ts[0]
        rs = [r for r in t['rows'] if r['code'] == code and norm(r['name']) == name]
        if not rs:
            check(False, '%s: no row %s %s' % (f[1], code, f[3])); continue
        keep = [i for i, c in enumerate(t['columns']) if c.get('concept') != 'lineno']
        got = [rs[0]['cells'][i] for i in keep if rs[0]['cells'][i] is not None]
        check([val(x) for x in got] == [val(x) for x in want],
              '%s p.%s: row %s %s has %s, want %s' % (f[1], rs[0]['page'], code, f[3], ' '.join(got), ' '.join(want)))
got = [norm(t['title']) for t in doc['tables']]
if titles:
    check(len(got) == len(titles), '%d tables found, want %d' % (len(got), len(titles)))
    for i in range(max(len(got), len(titles))):
        g = got[i] if i < len(got) else '(none)'
        w = titles[i] if i < len(titles) else '(none)'
        if g != w:
            check(False, 'table %d is %s, want %s' % (i + 1, g, w)); break
    else:
        check(True, '')
print('\n'.join(out))
PY

# spec DOC: extract DOC.pdf to JSON and check it against the spec on stdin
spec() {
  "$Y" extract "$C/$1.pdf" > "$T/$1.json" 2> "$T/err" || { bad "$1: extract: $(cat "$T/err")"; cat > /dev/null; return; }
  python3 "$T/check.py" "$T/$1.json" > "$T/res" || { bad "$1: checker failed"; return; }
  while IFS= read -r l; do
    case $l in ok) ok ;; *) bad "$1: ${l#FAIL: }" ;; esac
  done < "$T/res"
}

# ======================================================================
# the tables of each budget and sampled rows (figures as printed on the page)
# ======================================================================
# ---- foshan-2019-rail-transit-bureau-final-accounts
spec foshan-2019-rail-transit-bureau-final-accounts <<'S'
M|佛山市轨道交通局|2019|决算
T|收入支出决算总表
T|收入决算表
T|支出决算表
T|财政拨款收入支出决算总表
T|一般公共预算财政拨款支出决算表
T|一般公共预算财政拨款基本支出决算表
T|一般公共预算财政拨款"三公"经费支出决算表
T|政府性基金预算财政拨款收入支出决算表
R|支出决算表||合计|1668.14 746.39 921.75 0.00 0.00 0.00
R|支出决算表|20805|行政事业单位离退休|76.23 76.23 0.00 0.00 0.00 0.00
R|一般公共预算财政拨款支出决算表||合计|1668.14 746.39 921.75
R|一般公共预算财政拨款支出决算表|20805|行政事业单位离退休|76.23 76.23 0.00
# p.17: 表6 is printed in two halves, 人员经费 left and 公用经费 right, one row
# of each per line; p.20: the last line has both 合计 (649.20 | 97.19)
R|一般公共预算财政拨款基本支出决算表|30101|基本工资|301.79
R|一般公共预算财政拨款基本支出决算表|30201|办公费|13.80
R|一般公共预算财政拨款基本支出决算表||人员经费合计|649.20
R|一般公共预算财政拨款基本支出决算表||公用经费合计|97.19
# pp.5-7: 表1 runs over three pages (行次 1-52); 本年收入合计 on p.6, 总计 on p.7
R|收入支出决算总表||一、一般公共预算财政拨款收入|1668.14
R|收入支出决算总表||本年收入合计|1668.14
R|收入支出决算总表||总计|1668.14
S
# ---- fuzhou-2026-commerce-bureau-budget
spec fuzhou-2026-commerce-bureau-budget <<'S'
M|福州市商务局|2026|预算
T|收支预算总表
T|收入预算总表
T|支出预算总表
T|财政拨款收支预算总表
T|一般公共预算拨款支出预算表
T|政府性基金预算拨款支出预算表
T|国有资本经营预算拨款支出预算表
T|一般公共预算支出经济分类情况表
T|一般公共预算基本支出经济分类情况表
T|一般公共预算"三公"经费支出预算表
T|办公楼物业项目绩效目标表
T|办公楼租金项目绩效目标表
T|菜篮子工程建设专项资金项目绩效目标表
T|口岸单位补贴项目绩效目标表
T|商务发展资金项目绩效目标表
T|商务工作专项经费项目绩效目标表
T|房屋租金项目绩效目标表
T|物业费项目绩效目标表
R|支出预算总表||合计|24995.94 3861.25 21134.69 0.00 0.00 0.00
R|支出预算总表|20113|商贸事务|2943.48 2408.79 534.69
R|一般公共预算拨款支出预算表||合计|23195.94 3861.25 19334.69
R|一般公共预算拨款支出预算表|20113|商贸事务|2943.48 2408.79 534.69
R|一般公共预算基本支出经济分类情况表||合计|3861.25
R|一般公共预算基本支出经济分类情况表|30101|基本工资|603.58
S
# ---- fuzhou-2026-development-zone-ecology-unit-budget
spec fuzhou-2026-development-zone-ecology-unit-budget <<'S'
M|福州经济技术开发区生态环境局|2026|预算
T|收支预算总表
T|收入预算总表
T|支出预算总表
T|财政拨款收支预算总表
T|一般公共预算拨款支出预算表
T|政府性基金预算拨款支出预算表
T|国有资本经营预算拨款支出预算表
T|一般公共预算支出经济分类情况表
T|一般公共预算基本支出经济分类情况表
T|一般公共预算"三公"经费支出预算表
T|环境管理监察监测经费项目绩效目标表
R|支出预算总表||合计|1369.27 1063.27 306.00 0.00 0.00 0.00
R|支出预算总表|20805|行政事业单位养老支出|177.58 177.58
R|一般公共预算拨款支出预算表||合计|1369.27 1063.27 306.00
R|一般公共预算拨款支出预算表|20805|行政事业单位养老支出|177.58 177.58
R|一般公共预算基本支出经济分类情况表||合计|1063.27
R|一般公共预算基本支出经济分类情况表|30101|基本工资|197.77
S
# ---- fuzhou-2026-medical-security-bureau-budget
spec fuzhou-2026-medical-security-bureau-budget <<'S'
M|福州市医疗保障局|2026|预算
T|收支预算总表
T|收入预算总表
T|支出预算总表
T|财政拨款收支预算总表
T|一般公共预算拨款支出预算表
T|政府性基金预算拨款支出预算表
T|国有资本经营预算拨款支出预算表
T|一般公共预算支出经济分类情况表
T|一般公共预算基本支出经济分类情况表
T|一般公共预算"三公"经费支出预算表
# pp.26-39: thirteen 项目绩效目标表, one a page (the first starts under
# 1.项目支出绩效目标表 on p.26; three titles wrap onto a second line)
T|医疗服务与保障能力提升补助资金项目绩效目标表
T|外伤医疗费用结算审核服务费项目绩效目标表
T|医保服务站工作经费项目绩效目标表
T|综合工作经费项目绩效目标表
T|城乡居民基本医疗保险补助（中央和省级补助资金）项目绩效目标表
T|城乡居民医保财政补助（区县补助）项目绩效目标表
T|城乡居民医保财政补助(市级)项目绩效目标表
T|城乡居民医疗救助项目绩效目标表
T|市属困难企业在职职工财政补助项目绩效目标表
T|医疗救助补助资金（中央和省级财政补助）项目绩效目标表
T|综合工作经费项目绩效目标表
T|综合工作经费项目绩效目标表
T|综合工作经费项目绩效目标表
R|支出预算总表||合计|351904.90 7841.26 344063.64 0.00 0.00 0.00
R|支出预算总表|20805|行政事业单位养老支出|1073.21 1073.21
R|一般公共预算拨款支出预算表||合计|351904.90 7841.26 344063.64
R|一般公共预算拨款支出预算表|20805|行政事业单位养老支出|1073.21 1073.21
R|一般公共预算基本支出经济分类情况表||合计|7841.26
R|一般公共预算基本支出经济分类情况表|30101|基本工资|1446.32
S
# ---- fuzhou-2026-police-public-order-unit-budget
spec fuzhou-2026-police-public-order-unit-budget <<'S'
M|福州市公安局治安管理支队|2026|预算
T|收支预算总表
T|收入预算总表
T|支出预算总表
T|财政拨款收支预算总表
T|一般公共预算拨款支出预算表
T|政府性基金预算拨款支出预算表
T|国有资本经营预算拨款支出预算表
T|一般公共预算支出经济分类情况表
T|一般公共预算基本支出经济分类情况表
T|一般公共预算"三公"经费支出预算表
T|警务辅助人员经费项目绩效目标表
T|民警法定工作日之外加班补贴项目绩效目标表
R|支出预算总表||合计|2796.14 2507.88 288.26 0.00 0.00 0.00
R|支出预算总表|20402|公安|1994.64 1706.38 288.26
R|一般公共预算拨款支出预算表||合计|2796.14 2507.88 288.26
R|一般公共预算拨款支出预算表|20402|公安|1994.64 1706.38 288.26
R|一般公共预算基本支出经济分类情况表||合计|2507.88
R|一般公共预算基本支出经济分类情况表|30101|基本工资|464.20
S
# ---- guangzhou-2026-general-office-budget
spec guangzhou-2026-general-office-budget <<'S'
M|广州市人民政府办公厅|2026|预算
T|收支总体情况表
T|收入总体情况表
T|本年支出总体情况表
T|财政拨款收支总体情况表
T|一般公共预算支出情况表(按功能分类科目)
T|一般公共预算基本支出情况表(按经济分类科目)
T|一般公共预算项目支出情况表(按经济分类科目)
T|财政拨款安排的行政经费及"三公"经费预算表
T|政府性基金预算支出情况表
T|国有资本经营预算支出情况表
T|部门预算基本支出预算表
T|部门预算项目支出及其他支出预算表
R|本年支出总体情况表||合计|16410.71 14913.65 1497.06 0.00 0.00 0.00
R|本年支出总体情况表|20103|政府办公厅(室)及相关机构事务|8801.45 7341.47 1459.98 0.00 0.00 0.00
R|一般公共预算支出情况表(按功能分类科目)||合计|16410.71 14913.65 1497.06
R|一般公共预算支出情况表(按功能分类科目)|20103|政府办公厅(室)及相关机构事务|8801.45 7341.47 1459.98
R|一般公共预算基本支出情况表(按经济分类科目)||合计|14913.65
R|一般公共预算基本支出情况表(按经济分类科目)|30101|基本工资|1525.99
S
# ---- guangzhou-2026-industry-it-bureau-budget
spec guangzhou-2026-industry-it-bureau-budget <<'S'
M|广州市工业和信息化局|2026|预算
T|收支总体情况表
T|收入总体情况表
T|本年支出总体情况表
T|财政拨款收支总体情况表
T|一般公共预算支出情况表(按功能分类科目)
T|一般公共预算基本支出情况表(按经济分类科目)
T|一般公共预算项目支出情况表(按经济分类科目)
T|财政拨款安排的行政经费及"三公"经费预算表
T|政府性基金预算支出情况表
T|国有资本经营预算支出情况表
T|部门预算基本支出预算表
T|部门预算项目支出及其他支出预算表
R|本年支出总体情况表||合计|225431.78 15230.73 210201.05 0.00 0.00 0.00
R|本年支出总体情况表|20111|纪检监察事务|7.00 0.00 7.00 0.00 0.00 0.00
R|一般公共预算支出情况表(按功能分类科目)||合计|225431.78 15230.73 210201.05
R|一般公共预算支出情况表(按功能分类科目)|20111|纪检监察事务|7.00 0.00 7.00
R|一般公共预算基本支出情况表(按经济分类科目)||合计|15230.73
R|一般公共预算基本支出情况表(按经济分类科目)|30101|基本工资|1684.07
S
# ---- guangzhou-2026-meteorological-bureau-budget
spec guangzhou-2026-meteorological-bureau-budget <<'S'
M|广州市气象局|2026|预算
T|收支总体情况表
T|收入总体情况表
T|本年支出总体情况表
T|财政拨款收支总体情况表
T|一般公共预算支出情况表(按功能分类科目)
T|一般公共预算基本支出情况表(按经济分类科目)
T|一般公共预算项目支出情况表(按经济分类科目)
T|财政拨款安排的行政经费及"三公"经费预算表
T|政府性基金预算支出情况表
T|国有资本经营预算支出情况表
T|部门预算基本支出预算表
T|部门预算项目支出及其他支出预算表
R|本年支出总体情况表||合计|7651.71 6146.33 1505.38 0.00 0.00 0.00
R|本年支出总体情况表|20605|科技条件与服务|53.44 0.00 53.44 0.00 0.00 0.00
R|收支总体情况表||二十三、其他支出|0.00
R|收支总体情况表||本年收入合计|7651.71
R|收支总体情况表||上年结转结余|0.00
R|收支总体情况表||收入总计|7651.71
R|收支总体情况表||支出总计|7651.71
R|一般公共预算支出情况表(按功能分类科目)||合计|7651.71 6146.33 1505.38
R|一般公共预算支出情况表(按功能分类科目)|20605|科技条件与服务|53.44 0.00 53.44
R|一般公共预算基本支出情况表(按经济分类科目)||合计|6146.33
R|一般公共预算基本支出情况表(按经济分类科目)|30101|基本工资|726.63
S
# ---- guangzhou-2026-petitions-bureau-budget
spec guangzhou-2026-petitions-bureau-budget <<'S'
M|广州市信访局|2026|预算
T|收支总体情况表
T|收入总体情况表
T|本年支出总体情况表
T|财政拨款收支总体情况表
T|一般公共预算支出情况表(按功能分类科目)
T|一般公共预算基本支出情况表(按经济分类科目)
T|一般公共预算项目支出情况表(按经济分类科目)
T|财政拨款安排的行政经费及"三公"经费预算表
T|政府性基金预算支出情况表
T|国有资本经营预算支出情况表
T|部门预算基本支出预算表
T|部门预算项目支出及其他支出预算表
R|本年支出总体情况表||合计|3944.08 3204.78 739.30 0.00 0.00 0.00
R|本年支出总体情况表|20140|信访事务|2570.71 1831.41 739.30 0.00 0.00 0.00
R|一般公共预算支出情况表(按功能分类科目)||合计|3944.08 3204.78 739.30
R|一般公共预算支出情况表(按功能分类科目)|20140|信访事务|2570.71 1831.41 739.30
R|一般公共预算基本支出情况表(按经济分类科目)||合计|3204.78
R|一般公共预算基本支出情况表(按经济分类科目)|30101|基本工资|374.86
S
# ---- guangzhou-2026-sasac-budget
spec guangzhou-2026-sasac-budget <<'S'
M|广州市人民政府国有资产监督管理委员会|2026|预算
T|收支总体情况表
T|收入总体情况表
T|本年支出总体情况表
T|财政拨款收支总体情况表
T|一般公共预算支出情况表(按功能分类科目)
T|一般公共预算基本支出情况表(按经济分类科目)
T|一般公共预算项目支出情况表(按经济分类科目)
T|财政拨款安排的行政经费及"三公"经费预算表
T|政府性基金预算支出情况表
T|国有资本经营预算支出情况表
T|部门预算基本支出预算表
T|部门预算项目支出及其他支出预算表
R|本年支出总体情况表||合计|119257.52 6829.03 112428.49 0.00 0.00 0.00
R|本年支出总体情况表|20605|科技条件与服务|84.46 0.00 84.46 0.00 0.00 0.00
R|一般公共预算支出情况表(按功能分类科目)||合计|11103.52 6829.03 4274.49
R|一般公共预算支出情况表(按功能分类科目)|20605|科技条件与服务|84.46 0.00 84.46
R|一般公共预算基本支出情况表(按经济分类科目)||合计|6829.03
R|一般公共预算基本支出情况表(按经济分类科目)|30101|基本工资|757.88
S
# ---- guangzhou-2026-statistics-bureau-budget
spec guangzhou-2026-statistics-bureau-budget <<'S'
M|广州市统计局|2026|预算
T|收支总体情况表
T|收入总体情况表
T|本年支出总体情况表
T|财政拨款收支总体情况表
T|一般公共预算支出情况表(按功能分类科目)
T|一般公共预算基本支出情况表(按经济分类科目)
T|一般公共预算项目支出情况表(按经济分类科目)
T|财政拨款安排的行政经费及"三公"经费预算表
T|政府性基金预算支出情况表
T|国有资本经营预算支出情况表
T|部门预算基本支出预算表
T|部门预算项目支出及其他支出预算表
R|本年支出总体情况表||合计|9483.72 8401.67 1082.05 0.00 0.00 0.00
R|本年支出总体情况表|20105|统计信息事务|8295.28 7263.23 1032.05 0.00 0.00 0.00
R|一般公共预算支出情况表(按功能分类科目)||合计|9433.72 8401.67 1032.05
R|一般公共预算支出情况表(按功能分类科目)|20105|统计信息事务|8295.28 7263.23 1032.05
R|一般公共预算基本支出情况表(按经济分类科目)||合计|8401.67
R|一般公共预算基本支出情况表(按经济分类科目)|30101|基本工资|927.35
S
# ---- hangzhou-2026-justice-bureau-budget
spec hangzhou-2026-justice-bureau-budget <<'S'
M|杭州市司法局|2026|预算
T|市级部门收支预算总表
T|市级部门收入预算总表
T|市级部门支出预算总表
T|市级部门财政拨款收支预算总表
T|市级部门一般公共预算支出预算表
T|市级部门一般公共预算基本支出预算表
T|市级部门一般公共预算"三公"经费预算表
T|市级部门政府性基金预算支出预算表
T|市级部门国有资本经营预算支出预算表
T|市级部门项目支出预算表
T|市级部门项目支出绩效表
R|市级部门支出预算总表||合计|99230.46 58486.35 12237.94 28506.17
R|市级部门支出预算总表||基层司法业务|200.80 200.80
R|市级部门一般公共预算支出预算表||合计|91842.80 70724.29 58486.35 12237.94 21118.51
R|市级部门一般公共预算支出预算表||普法宣传|119.63 119.63
R|市级部门一般公共预算基本支出预算表||合计|70724.29 58486.35 12237.94
R|市级部门一般公共预算基本支出预算表||基本工资|6,878.71 6,878.71
# p.35: a table of one money column numbers it “** 1” under the header: not a row; 合计 is blank
R|市级部门国有资本经营预算支出预算表||合计|
S
# ---- hangzhou-2026-meteorological-bureau-budget
spec hangzhou-2026-meteorological-bureau-budget <<'S'
M|杭州市气象局|2026|预算
T|市级部门收支预算总表
T|市级部门收入预算总表
T|市级部门支出预算总表
T|市级部门财政拨款收支预算总表
T|市级部门一般公共预算支出预算表
T|市级部门一般公共预算基本支出预算表
T|市级部门一般公共预算"三公"经费预算表
T|市级部门政府性基金预算支出预算表
T|市级部门国有资本经营预算支出预算表
T|市级部门项目支出预算表
T|市级部门项目支出绩效表
R|市级部门支出预算总表||合计|5876.67 2906.80 838.27 2131.61
R|市级部门支出预算总表||气象服务|2,103.61 2,103.61
R|市级部门一般公共预算支出预算表||合计|5753.07 3745.07 2906.80 838.27 2008.00
R|市级部门一般公共预算支出预算表||气象服务|1,980.00 1,980.00
R|市级部门一般公共预算基本支出预算表||合计|3745.07 2906.80 838.27
R|市级部门一般公共预算基本支出预算表||基本工资|98.00 98.00
S
# ---- hangzhou-2026-public-security-bureau-budget
spec hangzhou-2026-public-security-bureau-budget <<'S'
M|杭州市公安局|2026|预算
T|市级部门收支预算总表
T|市级部门收入预算总表
T|市级部门支出预算总表
T|市级部门财政拨款收支预算总表
T|市级部门一般公共预算支出预算表
T|市级部门一般公共预算基本支出预算表
T|市级部门一般公共预算"三公"经费预算表
T|市级部门政府性基金预算支出预算表
T|市级部门国有资本经营预算支出预算表
T|市级部门项目支出预算表
T|市级部门项目支出绩效表
# p.23/p.26: 106,512.00, 370,219.25 … printed in narrow cells, wrapped by pdftotext
R|市级部门支出预算总表||合计|404415.23 250110.65 47792.58 106512.00
R|市级部门支出预算总表||信息化建设|1,628.92 1,628.92
R|市级部门一般公共预算支出预算表||合计|370219.25 293191.86 246458.22 46733.64 77027.38
R|市级部门一般公共预算支出预算表||事业运行|2,254.47 2,254.47 1,528.64 725.83
R|市级部门一般公共预算基本支出预算表||合计|293191.86 246458.22 46733.64
R|市级部门一般公共预算基本支出预算表||基本工资|22,519.16 22,519.16
# p.21-22 表2: 杭州市机动车驾驶员考试服务中心, its name wrapped over the page
# break: 14,549.64 = 事业收入 12,437.36 + 其他收入 2,112.28
R|市级部门收入预算总表||杭州市机动车驾驶员考试服务中心|14,549.64 14,549.64 12,437.36 2,112.28
S
# ---- shanghai-2026-audit-bureau-unit-budget
spec shanghai-2026-audit-bureau-unit-budget <<'S'
M|上海市审计局|2026|预算
T|预算单位财务收支预算总表
T|预算单位收入预算总表
T|预算单位支出预算总表
T|预算单位财政拨款收支预算总表
T|预算单位一般公共预算支出功能分类预算表
T|预算单位政府性基金预算支出功能分类预算表
T|预算单位国有资本经营预算支出功能分类预算表
T|预算单位一般公共预算基本支出部门预算经济分类预算表
T|单位"三公"经费和机关运行经费预算表
# p.7: 收入总计 is printed blank (支出总计 195,774,300)
R|预算单位财务收支预算总表||收入总计|
R|预算单位财务收支预算总表||支出总计|195,774,300 153,268,740 21,802,560 20,703,000
R|预算单位支出预算总表||合计|195774300.00 175071300.00 20703000.00
R|预算单位支出预算总表|20108|审计事务|134339860.00 114479860.00 19860000.00
R|预算单位一般公共预算支出功能分类预算表||合计|195774300.00 175071300.00 20703000.00
R|预算单位一般公共预算支出功能分类预算表|20108|审计事务|134339860.00 114479860.00 19860000.00
R|预算单位一般公共预算基本支出部门预算经济分类预算表||合计|175071300.00 153268740.00 21802560.00
R|预算单位一般公共预算基本支出部门预算经济分类预算表|30101|基本工资|21000000.00 21000000.00
S
# ---- shanghai-2026-carbon-centre-unit-budget
spec shanghai-2026-carbon-centre-unit-budget <<'S'
M|上海市减污降碳管理运行技术中心|2026|预算
T|预算单位财务收支预算总表
T|预算单位收入预算总表
T|预算单位支出预算总表
T|预算单位财政拨款收支预算总表
T|预算单位一般公共预算支出功能分类预算表
T|预算单位政府性基金预算支出功能分类预算表
T|预算单位国有资本经营预算支出功能分类预算表
T|预算单位一般公共预算基本支出部门预算经济分类预算表
T|单位"三公"经费和机关运行经费预算表
R|预算单位支出预算总表||合计|39418784.00 18276689.00 21142095.00
R|预算单位支出预算总表|20805|行政事业单位养老支出|2616003.00 2616003.00
R|预算单位一般公共预算支出功能分类预算表||合计|38549381.00 17879506.00 20669875.00
R|预算单位一般公共预算支出功能分类预算表|20805|行政事业单位养老支出|2615505.00 2615505.00
R|预算单位一般公共预算基本支出部门预算经济分类预算表||合计|17879506.00 15174314.00 2705192.00
R|预算单位一般公共预算基本支出部门预算经济分类预算表|30101|基本工资|2180000.00 2180000.00
S
# ---- shanghai-2026-finance-accounting-centre-unit-budget
spec shanghai-2026-finance-accounting-centre-unit-budget <<'S'
M|上海市财务会计综合管理事务中心(上海市财政科学研究所)|2026|预算
T|预算单位财务收支预算总表
T|预算单位收入预算总表
T|预算单位支出预算总表
T|预算单位财政拨款收支预算总表
T|预算单位一般公共预算支出功能分类预算表
# p.15: printed with its header and an empty 合计 row
T|预算单位政府性基金预算支出功能分类预算表
T|预算单位国有资本经营预算支出功能分类预算表
T|预算单位一般公共预算基本支出部门预算经济分类预算表
T|单位"三公"经费和机关运行经费预算表
R|预算单位支出预算总表||合计|21443300.00 14540800.00 6902500.00
R|预算单位支出预算总表|20106|财政事务|17741140.00 10838640.00 6902500.00
R|预算单位一般公共预算支出功能分类预算表||合计|21143300.00 14540800.00 6602500.00
R|预算单位一般公共预算支出功能分类预算表|20106|财政事务|17441140.00 10838640.00 6602500.00
R|预算单位一般公共预算基本支出部门预算经济分类预算表||合计|14540800.00 11973700.00 2567100.00
R|预算单位一般公共预算基本支出部门预算经济分类预算表|30101|基本工资|1607300.00 1607300.00
S
# ---- shanghai-2026-jiaotong-college-unit-budget
spec shanghai-2026-jiaotong-college-unit-budget <<'S'
M|上海交通职业技术学院|2026|预算
T|预算单位财务收支预算总表
T|预算单位收入预算总表
T|预算单位支出预算总表
T|预算单位财政拨款收支预算总表
T|预算单位一般公共预算支出功能分类预算表
T|预算单位政府性基金预算支出功能分类预算表
T|预算单位国有资本经营预算支出功能分类预算表
T|预算单位一般公共预算基本支出部门预算经济分类预算表
T|单位"三公"经费和机关运行经费预算表
R|预算单位支出预算总表||合计|408696000.00 336310530.00 72385470.00
R|预算单位支出预算总表|20503|职业教育|326658710.00 254273240.00 72385470.00
R|预算单位一般公共预算支出功能分类预算表||合计|304413900.00 282997600.00 21416300.00
R|预算单位一般公共预算支出功能分类预算表|20503|职业教育|236893390.00 215477090.00 21416300.00
R|预算单位一般公共预算基本支出部门预算经济分类预算表||合计|282997600.00 197592536.00 85405064.00
R|预算单位一般公共预算基本支出部门预算经济分类预算表|30101|基本工资|29228000.00 29228000.00
S
# ---- shanghai-2026-welfare-lottery-unit-budget
spec shanghai-2026-welfare-lottery-unit-budget <<'S'
M|上海市福利彩票发行中心|2026|预算
T|预算单位财务收支预算总表
T|预算单位收入预算总表
T|预算单位支出预算总表
T|预算单位财政拨款收支预算总表
T|预算单位一般公共预算支出功能分类预算表
T|预算单位政府性基金预算支出功能分类预算表
T|预算单位国有资本经营预算支出功能分类预算表
T|预算单位一般公共预算基本支出部门预算经济分类预算表
# p.15: the “三公” table printed with its header only
T|单位“三公”经费和机关运行经费预算表
R|预算单位支出预算总表||合计|216801570.00 20862863.00 195938707.00
R|预算单位支出预算总表|22908|彩票发行销售机构业务费安排的支出|215020000.00 20862863.00 194157137.00
R|预算单位政府性基金预算支出功能分类预算表||合计|215020000.00 20862863.00 194157137.00
R|预算单位政府性基金预算支出功能分类预算表|22908|彩票发行销售机构业务费安排的支出|215020000.00 20862863.00 194157137.00
R|预算单位财务收支预算总表||收入总计|216,801,570
R|预算单位财务收支预算总表||一、其他支出|216,801,570 17,499,901 3,362,962 195,938,707
R|预算单位财务收支预算总表||支出总计|216,801,570 17,499,901 3,362,962 195,938,707
S
# ---- suzhou-2026-audit-bureau-budget
spec suzhou-2026-audit-bureau-budget <<'S'
M|苏州市审计局|2026|预算
T|收支总表
T|收入总表
T|支出总表
T|财政拨款收支总表
T|财政拨款支出表(功能科目)
T|财政拨款基本支出表(经济科目)
T|一般公共预算支出表
T|一般公共预算基本支出表
T|一般公共预算"三公"经费、会议费、培训费支出表
T|政府性基金预算支出表
T|国有资本经营预算支出预算表
T|一般公共预算机关运行经费支出预算表
T|政府采购支出表
R|支出总表||合计|4651.67 4312.17 339.50
R|支出总表|20108|审计事务|2906.63 2567.13 339.50
R|一般公共预算支出表||合计|4651.67 4312.17 3916.57 395.60 339.50
R|一般公共预算支出表|20108|审计事务|2906.63 2567.13 2171.53 395.60 339.50
R|一般公共预算基本支出表||合计|4312.17 3916.57 395.60
R|一般公共预算基本支出表|30101|基本工资|469.17 469.17
S
# ---- suzhou-2026-data-bureau-budget
spec suzhou-2026-data-bureau-budget <<'S'
M|苏州市数据局|2026|预算
T|收支总表
T|收入总表
T|支出总表
T|财政拨款收支总表
T|财政拨款支出表(功能科目)
T|财政拨款基本支出表(经济科目)
T|一般公共预算支出表
T|一般公共预算基本支出表
T|一般公共预算"三公"经费、会议费、培训费支出表
T|政府性基金预算支出表
T|国有资本经营预算支出预算表
T|一般公共预算机关运行经费支出预算表
T|政府采购支出表
R|支出总表||合计|64090.74 6895.74 57195.00
R|支出总表|20103|政府办公厅(室)及相关机构事务|4523.04 2919.84 1603.20
R|一般公共预算支出表||合计|64090.74 6895.74 6377.17 518.57 57195.00
R|一般公共预算支出表|20103|政府办公厅(室)及相关机构事务|4523.04 2919.84 2556.25 363.59 1603.20
R|一般公共预算基本支出表||合计|6895.74 6377.17 518.57
R|一般公共预算基本支出表|30101|基本工资|767.78 767.78
S
# ---- suzhou-2026-emergency-bureau-budget
spec suzhou-2026-emergency-bureau-budget <<'S'
M|苏州市应急管理局|2026|预算
T|收支总表
T|收入总表
T|支出总表
T|财政拨款收支总表
T|财政拨款支出表(功能科目)
T|财政拨款基本支出表(经济科目)
T|一般公共预算支出表
T|一般公共预算基本支出表
T|一般公共预算"三公"经费、会议费、培训费支出表
T|政府性基金预算支出表
T|国有资本经营预算支出预算表
T|一般公共预算机关运行经费支出预算表
T|政府采购支出表
R|支出总表||合计|7062.80 4069.62 2993.18
R|支出总表|20805|行政事业单位养老支出|429.13 429.13
R|一般公共预算支出表||合计|7062.80 4069.62 3594.73 474.89 2993.18
R|一般公共预算支出表|20805|行政事业单位养老支出|429.13 429.13 429.13
R|一般公共预算基本支出表||合计|4069.62 3594.73 474.89
R|一般公共预算基本支出表|30101|基本工资|440.76 440.76
S
# ---- suzhou-2026-water-bureau-unit-budget
spec suzhou-2026-water-bureau-unit-budget <<'S'
M|苏州市水务局|2026|预算
T|收支总表
T|收入总表
T|支出总表
T|财政拨款收支总表
T|财政拨款支出表(功能科目)
T|财政拨款基本支出表(经济科目)
T|一般公共预算支出表
T|一般公共预算基本支出表
T|一般公共预算"三公"经费、会议费、培训费支出表
T|政府性基金预算支出表
T|国有资本经营预算支出预算表
T|一般公共预算机关运行经费支出预算表
T|政府采购支出表
R|支出总表||合计|92596.24 2147.85 90448.39
R|支出总表|20805|行政事业单位养老支出|205.39 205.39
R|一般公共预算支出表||合计|48592.98 2147.85 1941.88 205.97 46445.13
R|一般公共预算支出表|20805|行政事业单位养老支出|205.39 205.39 205.39
R|一般公共预算基本支出表||合计|2147.85 1941.88 205.97
R|一般公共预算基本支出表|30101|基本工资|222.98 222.98
S

# tspec DOC: the same check on DOC's pdftotext -layout text
tspec() {
  "$Y" extract "$C/$1.layout.txt" > "$T/$1.t.json" 2> "$T/err" || { bad "$1.layout.txt: extract: $(cat "$T/err")"; cat > /dev/null; return; }
  python3 "$T/check.py" "$T/$1.t.json" > "$T/res" || { bad "$1.layout.txt: checker failed"; return; }
  while IFS= read -r l; do
    case $l in ok) ok ;; *) bad "$1.layout.txt: ${l#FAIL: }" ;; esac
  done < "$T/res"
}
# A table's last rows alone on a page that pdftotext packs tighter, each column
# moved left by its own amount (fuzhou-commerce text p.14 l.297: 247.25 at
# columns 18 and 32, against 34-40 and 50-56 on p.13; suzhou-water text p.13-14,
# p.17-18): the figures go to the columns that move them least (合计, 基本支出),
# not to 合计 and 项目支出.
tspec fuzhou-2026-commerce-bureau-budget <<'S'
R|支出预算总表|22102|住房改革支出|464.69 464.69
R|支出预算总表|2210201|住房公积金|247.25 247.25
R|支出预算总表|2210203|购房补贴|173.67 173.67
S
tspec suzhou-2026-water-bureau-unit-budget <<'S'
R|支出总表|2210201|住房公积金|160.95 160.95
R|支出总表|2210202|提租补贴|361.21 361.21
R|财政拨款支出表(功能科目)|2210203|购房补贴|133.92 133.92 133.92
S
# … and in the 基本支出 column, not in 项目支出
for s3 in "fuzhou-2026-commerce-bureau-budget|支出预算总表|2210201|247.25" \
          "suzhou-2026-water-bureau-unit-budget|支出总表|2210202|361.21"; do
  d=${s3%%|*}
  python3 - "$T/$d.t.json" "$s3" > "$T/res" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1], encoding='utf-8'))
_, title, code, fig = sys.argv[2].split('|')
t = [t for t in doc['tables'] if t['title'] == title][0]
r = [r for r in t['rows'] if r['code'] == code][0]
got = {c.get('label', ''): v for c, v in zip(t['columns'], r['cells']) if v is not None}
ok = any(k.endswith('基本支出') and float(v) == float(fig) for k, v in got.items()) and \
     not any('项目支出' in k for k in got)
print('ok' if ok else 'FAIL: %s %s: %s' % (title, code, got))
PY
  while IFS= read -r l; do case $l in ok) ok ;; *) bad "$d.layout.txt: ${l#FAIL: }" ;; esac; done < "$T/res"
done
# guangzhou general-office / sasac text p.13: the 一般公共预算支出情况表's last rows
# under the header it repeats, its three columns packed each by its own amount
# (ending at 33, 55, 69 against 48, 71, 90 on p.12)
tspec guangzhou-2026-general-office-budget <<'S'
R|一般公共预算支出情况表(按功能分类科目)|2210201|住房公积金|894.14 894.14 0.00
R|一般公共预算支出情况表(按功能分类科目)|2210203|购房补贴|3841.71 3841.71 0.00
S
for d in fuzhou-2026-commerce-bureau-budget suzhou-2026-water-bureau-unit-budget \
         guangzhou-2026-general-office-budget guangzhou-2026-sasac-budget; do
  "$Y" audit "$C/$d.layout.txt" > "$T/$d.w.audit" 2>&1
  grep -q 'warning \[G-CODE-SUM\].*22102\|warning \[G-COL-SUM\].*22102' "$T/$d.w.audit" && bad "$d.layout.txt: 22102 misread: $(grep -m1 22102 "$T/$d.w.audit")" || ok
done

# ======================================================================
# the two documents that are not budgets: refused plainly, in both forms
# ======================================================================
for d in not-a-budget-jiaxing-government-notice not-a-budget-weifang-inspection-report; do
  for form in pdf layout.txt; do
    "$Y" audit "$C/$d.$form" > "$T/out" 2> "$T/err"; rc=$?
    [ $rc -eq 2 ] && ok || bad "$d.$form: audit exit $rc, want 2"
    grep -q '不是预算或决算公开文件' "$T/err" && ok || bad "$d.$form: audit does not say 不是预算或决算公开文件: $(cat "$T/err")"
    "$Y" extract "$C/$d.$form" > "$T/out" 2> "$T/err"
    grep -q '不是预算或决算公开文件' "$T/err" && ok || bad "$d.$form: extract does not say 不是预算或决算公开文件: $(cat "$T/err")"
  done
done

# ======================================================================
# audit: every error and missing finding, read against the page
# ======================================================================
# audit DOC: findings of DOC.pdf into $T/DOC.audit; exit 0 or 1 (read); the
# template column of the summary (a Shanghai unit budget goes through its
# template reader, the others through none)
audit_doc() {
  "$Y" audit "$C/$1.pdf" > "$T/$1.audit" 2>&1; rc=$?
  [ $rc -le 1 ] && ok || bad "$1: audit exit $rc: $(tail -1 "$T/$1.audit")"
  "$Y" audit -f summary "$C/$1.pdf" > "$T/$1.sum" 2>&1
  case $1 in shanghai-*) want=shanghai-unit-budget ;; *) want='(none)' ;; esac
  [ "$(sed -n 2p "$T/$1.sum" | awk '{print $2}')" = "$want" ] && ok || bad "$1: template is not $want: $(sed -n 2p "$T/$1.sum")"
}
# errors DOC N: DOC has exactly N error and missing findings (only for the
# documents whose every such finding was checked and found real)
errors() {
  n=$(grep -cE ': (error|missing) \[' "$T/$1.audit")
  [ "$n" -eq "$2" ] && ok || { bad "$1: $n error/missing findings, want $2"; grep -E ': (error|missing) \[' "$T/$1.audit" | sed 's|^[^:]*: |    |'; }
}
# finding DOC TEXT: a finding of DOC contains TEXT
finding() {
  grep -qF -- "$2" "$T/$1.audit" && ok || bad "$1: no finding '$2'"
}
for f in "$C"/*.pdf; do
  d=$(basename "$f" .pdf)
  case $d in not-a-budget-*) continue ;; esac
  audit_doc "$d"
done
# No error or missing finding, and none is due: every table identity on these
# pages holds (checked when reading them for the cells above).
for d in foshan-2019-rail-transit-bureau-final-accounts fuzhou-2026-medical-security-bureau-budget \
         fuzhou-2026-police-public-order-unit-budget guangzhou-2026-general-office-budget \
         guangzhou-2026-industry-it-bureau-budget guangzhou-2026-meteorological-bureau-budget \
         guangzhou-2026-petitions-bureau-budget guangzhou-2026-sasac-budget guangzhou-2026-statistics-bureau-budget \
         hangzhou-2026-justice-bureau-budget hangzhou-2026-meteorological-bureau-budget \
         hangzhou-2026-public-security-bureau-budget shanghai-2026-carbon-centre-unit-budget \
         shanghai-2026-finance-accounting-centre-unit-budget \
         shanghai-2026-jiaotong-college-unit-budget shanghai-2026-welfare-lottery-unit-budget \
         suzhou-2026-audit-bureau-budget suzhou-2026-data-bureau-budget suzhou-2026-emergency-bureau-budget \
         suzhou-2026-water-bureau-unit-budget; do
  errors "$d" 0
done
# hangzhou justice p.35: the column-number line “** 1” of a one-column table is not a row
# (read as one, its 1 made the blank 合计 a residue of 1.00万元)
grep -q '国有资本经营预算支出预算表' "$T/hangzhou-2026-justice-bureau-budget.audit" \
  && bad "hangzhou justice: a finding on the empty 国有资本经营预算支出预算表: $(grep -m1 国有资本经营预算支出预算表 "$T/hangzhou-2026-justice-bureau-budget.audit")" || ok
# fuzhou-2026-commerce-bureau-budget p.9 (第一部分 部门概况, 三、部门主要工作任务): “…贡献商务
# 力量。。围绕上述任务” — a full stop printed twice; the only defect of the document
finding fuzhou-2026-commerce-bureau-budget 'error [W-TYPO] narrative 。。 doubled (p.9'
errors fuzhou-2026-commerce-bureau-budget 1
# fuzhou-2026-development-zone-ecology-unit-budget p.4: “…取得积极成效。。围绕上述任务” —
# the same doubled full stop (the same template text)
finding fuzhou-2026-development-zone-ecology-unit-budget 'error [W-TYPO] narrative 。。 doubled (p.4'
errors fuzhou-2026-development-zone-ecology-unit-budget 1
# The same documents as `pdftotext -layout` text: columns are only approximate
# there (characters, not positions), so an identity the text breaks is a warning
# to check against the PDF, never an error; the narrative rules still apply.
for d in foshan-2019-rail-transit-bureau-final-accounts fuzhou-2026-commerce-bureau-budget \
         fuzhou-2026-development-zone-ecology-unit-budget fuzhou-2026-medical-security-bureau-budget \
         fuzhou-2026-police-public-order-unit-budget guangzhou-2026-general-office-budget \
         guangzhou-2026-industry-it-bureau-budget guangzhou-2026-meteorological-bureau-budget \
         guangzhou-2026-petitions-bureau-budget guangzhou-2026-sasac-budget guangzhou-2026-statistics-bureau-budget \
         hangzhou-2026-justice-bureau-budget hangzhou-2026-meteorological-bureau-budget \
         hangzhou-2026-public-security-bureau-budget shanghai-2026-carbon-centre-unit-budget \
         shanghai-2026-finance-accounting-centre-unit-budget shanghai-2026-jiaotong-college-unit-budget \
         shanghai-2026-welfare-lottery-unit-budget suzhou-2026-audit-bureau-budget \
         suzhou-2026-data-bureau-budget suzhou-2026-emergency-bureau-budget suzhou-2026-water-bureau-unit-budget; do
  "$Y" audit "$C/$d.layout.txt" > "$T/$d.txt.audit" 2>&1
  n=$(grep -E ': (error|missing) \[' "$T/$d.txt.audit" | grep -vc '\[W-')
  [ "$n" -eq 0 ] && ok || { bad "$d.layout.txt: $n table errors"; grep -E ': (error|missing) \[' "$T/$d.txt.audit" | grep -v '\[W-' | head -3; }
done
# shanghai-2026-audit-bureau-unit-budget, p.7 预算单位财务收支预算总表: the
# 收入总计 cell is printed blank, while 支出总计 is 195,774,300 and the income
# lines (一、财政拨款收入 195,774,300) add up to 195,774,300 — a real defect of
# the page: one missing value (the identities that only compare with it —
# 收入总计 = 支出总计, the 收入预算总表 合计, the 编制说明's 19,577万元 — do not
# echo it). The 编制说明 (p.6) gives totals in whole 万元 (19,577万元 for
# 195,774,300元): rounded as printed, not an error.
D=shanghai-2026-audit-bureau-unit-budget
finding $D 'missing [S-INCOME-SUM] summary 收入总计 in.amount (p.7 l.15): 《预算单位财务收支预算总表》收入总计“预算数”为空'
errors $D 1
# … and the same in its pdftotext -layout text (p.7 l.122 of the text): the one finding
"$Y" audit "$C/$D.layout.txt" > "$T/$D.txt.audit" 2>&1
grep -qF 'missing [S-INCOME-SUM] summary 收入总计 in.amount (p.7 l.122): 《预算单位财务收支预算总表》收入总计“预算数”为空，按财政拨款收入、事业收入、事业单位经营收入与其他收入之和应为195,774,300' "$T/$D.txt.audit" \
  && ok || bad "$D.layout.txt: the blank 收入总计 not reported: $(grep -E ': (error|missing) \[' "$T/$D.txt.audit")"
n=$(grep -cE ': (error|missing) \[' "$T/$D.txt.audit")
[ "$n" -eq 1 ] && ok || { bad "$D.layout.txt: $n error/missing findings, want 1"; grep -E ': (error|missing) \[' "$T/$D.txt.audit"; }
# The 2026 Shanghai unit budgets print their empty 政府性基金 / 国有资本经营 tables without the
# template's “注：…无…” note, but their 编制说明 says “政府性基金拨款支出预算为0；国有资本经营预算拨款
# 支出预算为0”: the reader is told, no D-EMPTY-NOTE. Without that sentence the warning returns.
for d in shanghai-2026-audit-bureau-unit-budget shanghai-2026-carbon-centre-unit-budget \
         shanghai-2026-finance-accounting-centre-unit-budget shanghai-2026-jiaotong-college-unit-budget \
         shanghai-2026-welfare-lottery-unit-budget; do
  grep -q 'D-EMPTY-NOTE' "$T/$d.audit" && bad "$d: D-EMPTY-NOTE though the 编制说明 states the figure as 0" || ok
done
D=shanghai-2026-carbon-centre-unit-budget
sed 's/政府性基金拨款支出预算为0；//' "$C/$D.layout.txt" > "$T/nozero.layout.txt"
"$Y" audit "$T/nozero.layout.txt" > "$T/nozero.audit" 2>&1
grep -q 'warning \[D-EMPTY-NOTE\] govfund' "$T/nozero.audit" && ok || bad "carbon text without “政府性基金拨款支出预算为0”: no D-EMPTY-NOTE"
grep -q 'D-EMPTY-NOTE\] soe' "$T/nozero.audit" && bad "carbon text: D-EMPTY-NOTE on soe though its 为0 is still there" || ok
# hangzhou public security, text p.26 表5: figures too wide for their cells wrap, pdftotext
# printing “299,901.0” above the row and its last digit “2” below it: read as 299,901.02 in
# the row of 公共安全支出 (and the 合计 as 370,219.25), not as rows of their own; the cells
# 日常公用支出 and 项目支出, printed one space apart (46,733.64 77,027.38), are two columns
# (they were one, and 77,027.38 was lost), and 1.50, shifted left by its row's long label,
# stays under 日常公用支出
D=hangzhou-2026-public-security-bureau-budget
"$Y" extract -f csv "$C/$D.layout.txt" > "$T/$D.txt.csv" 2>&1
for want in ',公共安全支出,1,功能分类科目名称/合计,299901.02,' ',公共安全支出,1,小计,262703.20,' ',合计,0,功能分类科目名称/合计,370219.25,' \
            ',行政运行,3,功能分类科目名称/合计,260448.73,' ',合计,0,日常公用支出,46733.64,' ',合计,0,项目支出,77027.38,' \
            ',社会保障和就业支出,1,日常公用支出,1.50,'; do
  grep '市级部门一般公共预算支出预算表' "$T/$D.txt.csv" | grep -qF -- "$want" && ok || bad "$D text p.26: no $want"
done
# Text without column layout (pdftotext without -layout prints a table a cell a line): its tables
# cannot be read, so nothing is checked against them — no false alarm (guangzhou sasac gave an
# N-TABLE “收入总计…为0.00万元”, putuo wanli 161 errors) — the summary says why, the text rules
# still apply (fuzhou commerce's 。。 is still found), and JSON says flat_text
for d in guangzhou-2026-sasac-budget fuzhou-2026-commerce-bureau-budget; do
  pdftotext "$C/$d.pdf" "$T/$d.flat.txt"
  "$Y" audit "$T/$d.flat.txt" > "$T/$d.flat.audit" 2>&1
  grep -q '文本没有表格版式' "$T/$d.flat.audit" && ok || bad "$d flat text: no word of the missing layout: $(tail -1 "$T/$d.flat.audit")"
  n=$(grep -E ': (error|missing) \[' "$T/$d.flat.audit" | grep -vc 'W-TYPO')
  [ "$n" -eq 0 ] && ok || { bad "$d flat text: $n errors"; grep -E ': (error|missing) \[' "$T/$d.flat.audit" | head -3; }
  "$Y" audit -f json "$T/$d.flat.txt" 2>/dev/null | grep -q '"flat_text": true' && ok || bad "$d flat text: JSON without flat_text true"
done
grep -q 'W-TYPO' "$T/fuzhou-2026-commerce-bureau-budget.flat.audit" && ok || bad "fuzhou flat text: the doubled 。。 not found"
W="$ROOT/../shared/corpus/putuo-wanli-2025-budget.pdf"
pdftotext "$W" "$T/wanli.flat.txt"
"$Y" audit "$T/wanli.flat.txt" > "$T/wanli.flat.audit" 2>&1
n=$(grep -cE ': (error|missing) \[' "$T/wanli.flat.audit")
[ "$n" -eq 0 ] && ok || { bad "wanli flat text: $n errors"; grep -E ': (error|missing) \[' "$T/wanli.flat.audit" | head -3; }
# the same documents laid out are read and checked as before
"$Y" audit -f json "$C/guangzhou-2026-sasac-budget.layout.txt" 2>/dev/null | grep -q '"flat_text": false' && ok || bad "sasac layout text: flat_text is not false"
# Errors put into the words of a real document (hangzhou justice, text p.4) are found, each once:
# a share with no whole printed (the list's shares then miss 100%), a 类 of the list by 功能分类
D=hangzhou-2026-justice-bureau-budget
sed '0,/占 59.0%/s/占 59.0%/占 69.0%/' "$C/$D.layout.txt" > "$T/m1.txt"
"$Y" audit "$T/m1.txt" 2>&1 | grep -q 'error \[N-SHARE\].*按包括人员支出58,486.35万元占各项合计99,230.46万元计算应为58.9%，而非69.0%' \
  && ok || bad "$D: a wrong share (69.0%) not found"
sed '0,/公共安全支出 76,468.81/s/公共安全支出 76,468.81/公共安全支出 76,568.81/' "$C/$D.layout.txt" > "$T/m2.txt"
"$Y" audit "$T/m2.txt" 2>&1 | grep -q 'error \[N-TABLE\].*公共安全支出76,568.81万元.*76,468.81' \
  && ok || bad "$D: a wrong 类 figure (公共安全支出 76,568.81) not found"
# a 收支总表 continued on a page pdftotext laid out afresh (guangzhou meteorological p.6
# prints the header again further right and wider): its rows read on their sides
tspec guangzhou-2026-meteorological-bureau-budget <<'S'
R|收支总体情况表||一、预算拨款|7651.71
R|收支总体情况表||二十三、其他支出|0.00
R|收支总体情况表||本年收入合计|7651.71
R|收支总体情况表||上年结转结余|0.00
R|收支总体情况表||收入总计|7651.71
R|收支总体情况表||结转结余下年|0.00
R|收支总体情况表||支出总计|7651.71
S
# the 收入总计 of a 收支总表 on its next page, laid out afresh by pdftotext (guangzhou
# meteorological p.6: the 收入 figures stand where p.5's 支出 side began), tied to the
# narrative's “2026年本部门收入预算7,651.71万元” (p.25)
D=guangzhou-2026-meteorological-bureau-budget
sed 's/本部门收入预算7,651.71万元/本部门收入预算7,751.71万元/' "$C/$D.layout.txt" > "$T/m8.txt"
"$Y" audit "$T/m8.txt" 2>&1 | grep -q 'error \[N-TABLE\].*收入预算7,751.71万元.*收入总计“预算”为7,651.71' \
  && ok || bad "$D: a wrong 收入预算 (7,751.71) not found against the 收支总表's 收入总计"
# … a line of the narrative's list named as a row of the 收支总表 (suzhou audit p.23
# “1．本年支出合计 4,651.67 万元”)
D=suzhou-2026-audit-bureau-budget
sed 's/1．本年支出合计 4,651.67 万元/1．本年支出合计 4,751.67 万元/' "$C/$D.layout.txt" > "$T/m9.txt"
"$Y" audit "$T/m9.txt" 2>&1 | grep -q 'error \[N-TABLE\].*本年支出合计4,751.67万元.*《收支总表》本年支出合计“预算数”为4,651.67' \
  && ok || bad "$D: a wrong 本年支出合计 (4,751.67) not found against the 收支总表"
# … the first figure of a section whose heading refers to a table (hangzhou meteorological p.5
# “（五）一般公共预算当年拨款情况说明（详见表 5）… 2026 年一般公共预算当年拨款 5,753.07 万元”)
D=hangzhou-2026-meteorological-bureau-budget
sed 's/2026 年一般公共预算当年拨款 5,753.07 万元/2026 年一般公共预算当年拨款 5,853.07 万元/' "$C/$D.layout.txt" > "$T/m10.txt"
"$Y" audit "$T/m10.txt" 2>&1 | grep -q 'error \[N-TABLE\].*当年拨款5,853.07万元.*《市级部门一般公共预算支出预算表》合计.*5,753.07' \
  && ok || bad "$D: a wrong 当年拨款 (5,853.07) not found against 表5's 合计"
# … in a 决算 (foshan p.24–25): 总支出 tied to the 支出 side's 总计 of a two-sided 总表 (not to its
# 行次), a list's 基本支出 to the 支出决算表's column of that name
D=foshan-2019-rail-transit-bureau-final-accounts
sed 's/2019 年度总支出 1668.14 万元/2019 年度总支出 1768.14 万元/' "$C/$D.layout.txt" > "$T/m11.txt"
"$Y" audit "$T/m11.txt" 2>&1 | grep -q 'error \[N-TABLE\].*总支出1768.14万元.*《收入支出决算总表》总计为1,668.14万元' \
  && ok || bad "$D: a wrong 总支出 (1768.14) not found against the 总表's 总计"
sed 's/1.基本支出 746.39 万元/1.基本支出 756.39 万元/' "$C/$D.layout.txt" > "$T/m12.txt"
"$Y" audit "$T/m12.txt" 2>&1 | grep -q 'error \[N-TABLE\].*基本支出756.39万元.*《支出决算表》合计“基本支出”为746.39' \
  && ok || bad "$D: a wrong 基本支出 (756.39) not found against the 支出决算表"
# … words naming a table's kind (fuzhou commerce p.24 “2026 年度一般公共预算拨款基本支出 3861.25 万元”)
D=fuzhou-2026-commerce-bureau-budget
sed 's/2026 年度一般公共预算拨款基本支出 3861.25 万元/2026 年度一般公共预算拨款基本支出 3961.25 万元/' "$C/$D.layout.txt" > "$T/m13.txt"
"$Y" audit "$T/m13.txt" 2>&1 | grep -q 'error \[N-TABLE\].*基本支出3961.25万元.*《一般公共预算基本支出经济分类情况表》合计“预算数”为3,861.25' \
  && ok || bad "$D: a wrong 一般公共预算拨款基本支出 (3961.25) not found against the table's 合计"
# … a list with trailing zeros dropped (fuzhou police p.32 “货物预算 30.75 万元、工程预算 0 万元、服务预算 101.5 万元”)
D=fuzhou-2026-police-public-order-unit-budget
sed 's/政府采购货物预算 30.75 万元/政府采购货物预算 31.75 万元/' "$C/$D.layout.txt" > "$T/m14.txt"
"$Y" audit "$T/m14.txt" 2>&1 | grep -q 'error \[N-PARTS\].*各项之和为133.25万元，与总额132.25万元不一致' \
  && ok || bad "$D: a list of parts 1 万元 off (133.25 against 132.25) not an error"
# … a 项 of a table without codes (hangzhou public security p.9 “技术研究与开发（款）科技成果转化与扩散（项）
# 32,240.98 万元”, the 收支预算总表 naming it once, indented under that 款)
D=hangzhou-2026-public-security-bureau-budget
sed 's/成果转化与扩散（项）32,240.98 万元/成果转化与扩散（项）33,240.98 万元/' "$C/$D.layout.txt" > "$T/m15.txt"
"$Y" audit "$T/m15.txt" 2>&1 | grep -q 'error \[N-TABLE\].*科技成果转化与扩散（项）33,240.98万元.*32,240.98' \
  && ok || bad "$D: a wrong 项 (33,240.98) of a table without codes not found"
# … the changes of the “三公” items add up to the change of the total (guangzhou general office
# p.24-25: 减少489.77 = 0 + 388.88 + 100.89), and of the car item's two parts (70 + 318.88)
D=guangzhou-2026-general-office-budget
sed 's/减少100.89万元/减少100.80万元/' "$C/$D.layout.txt" > "$T/m16.txt"
"$Y" audit "$T/m16.txt" 2>&1 | grep -q 'error \[N-PARTS\].*各项比上年减少之和为489.68万元，与总额比上年减少489.77万元不一致' \
  && ok || bad "$D: a wrong change of a 三公 item (100.80) not found"
sed 's/减少318.88万元/减少316.88万元/' "$C/$D.layout.txt" > "$T/m17.txt"
"$Y" audit "$T/m17.txt" 2>&1 | grep -q 'error \[N-PARTS\].*公务用车运行维护费0万元，比上年减少316.88万元.*各项比上年减少之和为386.88万元' \
  && ok || bad "$D: a wrong change of the car's 运行维护费 (316.88) not found"
"$Y" audit "$C/$D.layout.txt" 2>&1 | grep -q 'N-PARTS' && bad "$D: N-PARTS on the real text" || ok
# … a name the document defines as another's: “行政经费（机关运行经费）指…” (guangzhou meteorological
# p.26), so 机关运行经费安排523.62万元 is the 三公 table's 行政经费 row
D=guangzhou-2026-meteorological-bureau-budget
sed 's/机关运行经费安排523.62万元/机关运行经费安排525.62万元/' "$C/$D.layout.txt" > "$T/m18.txt"
"$Y" audit "$T/m18.txt" 2>&1 | grep -q 'error \[N-TABLE\].*机关运行经费安排525.62万元.*行政经费“合计”为523.62万元' \
  && ok || bad "$D: a wrong 机关运行经费 (525.62) against the 行政经费 row not found"
# … a list whose parts are the numbered paragraphs after “其中：” (shanghai carbon centre p.17: the
# 三公 total's change −21.80 = 0 (持平) − 21.80 + 0 (持平))
D=shanghai-2026-carbon-centre-unit-budget
sed 's/比2025年预算减少21.80万元。其中：/比2025年预算减少24.80万元。其中：/' "$C/$D.layout.txt" > "$T/m19.txt"
"$Y" audit "$T/m19.txt" 2>&1 | grep -q 'error \[N-PARTS\].*各项比上年减少之和为21.80万元，与总额比上年减少24.80万元不一致' \
  && ok || bad "$D: a wrong change of the 三公 total over numbered paragraphs not found"
# … a 项 named by code (fuzhou commerce p.24 “（一）2011301-行政运行 2163.74 万元”), a change
# “与上年相比减少…，减少4.61%” (suzhou data p.35), a 项 “…（项）支出 611.51 万元” (suzhou data p.36)
D=fuzhou-2026-commerce-bureau-budget
sed 's/2011301-行政运行 2163.74/2011301-行政运行 2263.74/' "$C/$D.layout.txt" > "$T/m3.txt"
"$Y" audit "$T/m3.txt" 2>&1 | grep -q 'error \[N-TABLE\].*2011301-行政运行2263.74万元.*2,163.74' && ok || bad "$D: a wrong 项 figure (2011301 2263.74) not found"
D=suzhou-2026-data-bureau-budget
sed 's/  3,219.23 万元，与上年相比减少/  3,319.23 万元，与上年相比减少/' "$C/$D.layout.txt" > "$T/m4.txt"
"$Y" audit "$T/m4.txt" 2>&1 | grep -q 'error \[N-RATE\].*应为4.48%' && ok || bad "$D: a rate “与上年相比减少” against a wrong figure not found"
sed 's/住房公积金（项）支出 611.51/住房公积金（项）支出 621.51/' "$C/$D.layout.txt" > "$T/m5.txt"
"$Y" audit "$T/m5.txt" 2>&1 | grep -q 'error \[N-TABLE\].*621.51万元.*611.51' && ok || bad "$D: a wrong 项 figure “（项）支出 621.51” not found"
# … and in a document audited with its template, a statement its sections do not describe
# (shanghai jiaotong p.4, the 2026 city wording “2.“社会保障和就业支出”科目4,469万元”)
D=shanghai-2026-jiaotong-college-unit-budget
sed 's/“社会保障和就业支出”科目4,469万元/“社会保障和就业支出”科目4,569万元/' "$C/$D.layout.txt" > "$T/m6.txt"
"$Y" audit "$T/m6.txt" 2>&1 | grep -q 'error \[N-TABLE\].*4,569万元' && ok || bad "$D: a wrong 类 figure “社会保障和就业支出”科目4,569万元 not found"
# … a 类 “科学技术（类）支出 28.00 万元” of tables without codes (hangzhou meteorological p.5),
# quoted from its name
D=hangzhou-2026-meteorological-bureau-budget
sed 's/科学技术（类）支出 28.00/科学技术（类）支出 29.00/' "$C/$D.layout.txt" > "$T/m7.txt"
"$Y" audit "$T/m7.txt" 2>&1 | grep -q 'error \[N-TABLE\].*情况说明称“科学技术（类）支出29.00万元”.*28.00万元' && ok || bad "$D: a wrong 类 figure “科学技术（类）支出 29.00” not found"
# shanghai-2026-carbon-centre-unit-budget.layout.txt p.8 预算单位收入预算总表: the 项 code is
# printed against its name (“208   05   05 机关事业单位基本养老保险缴费支出”): read as 2080505,
# not as a second 20805 (which doubled every 类 and 款 of the table in the reader's eyes)
D=shanghai-2026-carbon-centre-unit-budget
"$Y" audit "$C/$D.layout.txt" > "$T/$D.txt.audit" 2>&1
grep -q 'income.*\(T-CLASS-SUM\|X-INCOME-ITEMS\)\|\(T-CLASS-SUM\|X-INCOME-ITEMS\)\] income' "$T/$D.txt.audit" \
  && bad "$D.layout.txt: the 收入预算总表's 项 codes misread: $(grep -m1 '] income' "$T/$D.txt.audit")" || ok
"$Y" extract -f csv "$C/$D.layout.txt" > "$T/$D.csv" 2>&1
grep -q '预算单位收入预算总表.*,2080505,.*1,744,002\|预算单位收入预算总表.*,2080505,.*1744002' "$T/$D.csv" && ok \
  || bad "$D.layout.txt: 2080505 not read in the 收入预算总表: $(grep -m2 '收入预算总表.*20805' "$T/$D.csv")"
# A short figure set further right than its column's long ones (carbon text p.14
# l.197, 手续费 200 of the 合计 column moved two columns right, ending past
# 2,180,000 above it by one): it stays in its lane, under 合计 — no error.
D=shanghai-2026-carbon-centre-unit-budget
sed '197s/ 200    /   200  /' "$C/$D.layout.txt" > "$T/shift.layout.txt"
grep -q '手续费                                   200                      200' "$T/shift.layout.txt" && ok || bad "shift: sed did not apply"
"$Y" audit "$T/shift.layout.txt" > "$T/shift.audit" 2>&1
n=$(grep -cE ': (error|missing) \[' "$T/shift.audit")
[ "$n" -eq 0 ] && ok || { bad "carbon text, 200 shifted right: $n errors"; grep -E ': (error|missing) \[' "$T/shift.audit" | head -3; }
# The generic reader (extract) on the same text: the “三公” table's header has
# 小计/购置费/运行费 under 公务用车购置及运行费, 小计 printed left of its parent's
# words and the Chinese labels counted one column a character (carbon p.16 l.223-228,
# finance-accounting p.20 l.367-373); every figure under its own label.
# In the PDF too: there 小计 and 运行费 stand either side of 购置费, the one word under
# 公务用车购置及运行费 (a label centred over three cells, narrower than they).
for form in layout.txt pdf; do
for spec3 in "shanghai-2026-carbon-centre-unit-budget|16.30|6.00|0.70|9.60||9.60|" \
             "shanghai-2026-finance-accounting-centre-unit-budget|4.70||1.50|3.20||3.20|"; do
  D=${spec3%%|*}
  "$Y" extract "$C/$D.$form" > "$T/$D.sg.json" 2> "$T/err" || bad "$D.$form: extract: $(cat "$T/err")"
  python3 - "$T/$D.sg.json" "$spec3" > "$T/res" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
want = sys.argv[2].split('|')[1:]
labels = ['合计', '因公出国(境)费', '公务接待费', '公务用车购置及运行费/小计', '公务用车购置及运行费/购置费',
          '公务用车购置及运行费/运行费', '机关运行经费预算数']
ts = [t for t in d['tables'] if '三公' in t['title']]
if not ts:
    print('FAIL: no 三公 table'); sys.exit()
t = ts[0]
got = [c.get('label', '').replace('"三公"经费预算数/', '') for c in t['columns']]
print('ok' if got == labels else 'FAIL: columns %s, want %s' % (got, labels))
cells = [c or '' for c in t['rows'][0]['cells']] if t['rows'] else []
print('ok' if cells == want else 'FAIL: figures %s, want %s' % (cells, want))
PY
  while IFS= read -r l; do case $l in ok) ok ;; *) bad "$D.$form: 三公: ${l#FAIL: }" ;; esac; done < "$T/res"
done
done
# (shanghai-2026-finance-accounting-centre p.20 “三公” table: 合计 4.70,
# 因公出国(境)费 blank, 公务接待费 1.50, 公务用车 小计 3.20, 购置费 blank, 运行费
# 3.20 — the template reader once placed these one column off; now checked clean.)

# ======================================================================
# extract -f csv of three documents at once: one header, every line says
# which document, unit, year, kind and money unit it is from
# ======================================================================
"$Y" extract -f csv "$C/foshan-2019-rail-transit-bureau-final-accounts.pdf" \
  "$C/suzhou-2026-audit-bureau-budget.pdf" "$C/shanghai-2026-carbon-centre-unit-budget.layout.txt" > "$T/m.csv" 2> "$T/err" &&
  ok || bad "extract -f csv of three files: $(cat "$T/err")"
python3 - "$T/m.csv" > "$T/res" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8')))
h = rows[0]
print('ok' if h[:5] == ['document', 'unit_name', 'year', 'kind', 'money_unit'] else 'FAIL: header is %s' % ','.join(h))
print('ok' if sum(r == h for r in rows) == 1 else 'FAIL: the header is printed %d times' % sum(r == h for r in rows))
want = {'foshan-2019-rail-transit-bureau-final-accounts.pdf': ('佛山市轨道交通局', '2019', '决算', '万元'),
        'suzhou-2026-audit-bureau-budget.pdf': ('苏州市审计局', '2026', '预算', '万元'),
        'shanghai-2026-carbon-centre-unit-budget.layout.txt': ('上海市减污降碳管理运行技术中心', '2026', '预算', None)}
seen, badl = set(), []
for r in rows[1:]:
    doc = r[0].rsplit('/', 1)[-1]
    w = want.get(doc)
    if len(r) != len(h) or w is None or tuple(r[1:4]) != w[:3] or r[4] not in ('元', '万元') or (w[3] and r[4] != w[3]):
        badl.append(','.join(r)); continue
    seen.add(doc)
print('ok' if not badl else 'FAIL: %d lines without their document: %s' % (len(badl), badl[0]))
print('ok' if seen == set(want) else 'FAIL: lines of only %s' % sorted(seen))
print('ok' if len(rows) > 1000 else 'FAIL: only %d lines' % len(rows))
PY
while IFS= read -r l; do case $l in ok) ok ;; *) bad "csv: ${l#FAIL: }" ;; esac; done < "$T/res"

# ======================================================================
# the PDF and its pdftotext -layout text: the same tables, same titles
# ======================================================================
for f in "$C"/*.pdf; do
  d=$(basename "$f" .pdf)
  case $d in not-a-budget-*) continue ;; esac
  [ -s "$T/$d.json" ] || "$Y" extract "$f" > "$T/$d.json" 2> /dev/null
  "$Y" extract "$C/$d.layout.txt" > "$T/$d.txt.json" 2> "$T/err" || bad "$d.layout.txt: extract: $(cat "$T/err")"
  a=$(python3 -c 'import json,sys; print("\n".join(t["title"] for t in json.load(open(sys.argv[1]))["tables"]))' "$T/$d.json")
  b=$(python3 -c 'import json,sys; print("\n".join(t["title"] for t in json.load(open(sys.argv[1]))["tables"]))' "$T/$d.txt.json")
  [ -n "$a" ] && [ "$a" = "$b" ] && ok || bad "$d: the PDF and its text read to different tables"
done

echo "wide: $pass passed, $fail failed"
[ $fail -eq 0 ]
