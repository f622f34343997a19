#!/bin/sh
# End-to-end tests of `yusuan audit` and `yusuan extract` on the real published
# documents of ../shared/corpus (Shanghai 普陀区: two 部门预算, a 单位预算, a
# 部门决算 and the blank 部门决算 template), each read from the PDF and from its
# `pdftotext -layout` text:
#   - both forms read to the same tables, every table of the template found;
#   - cells asserted row by row against the document (values checked by reading
#     the PDF: tables in 元, the “三公” table and 决算 tables in 万元; extract
#     writes the document's unit, 元 for the budgets, so 37.91万元 is 379100);
#   - every finding of the table and narrative rules asserted exactly, each with
#     where it is in the PDF and why it is wrong; the text rules (D-* and W-*, tested by
#     audit.sh) are left out of the comparison;
#   - mutation: changing any single figure of a table of one document makes
#     audit name that table and row.
set -u
Y=${YUSUAN:-build/bin/yusuan}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
C="$ROOT/../shared/corpus"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
if [ ! -d "$C" ]; then
  # ../shared is part of the test set-up: missing, the test fails (developers may opt out)
  if [ -n "${YUSUAN_ALLOW_MISSING_FIXTURES:-}" ]; then echo "skip (YUSUAN_ALLOW_MISSING_FIXTURES): corpus not found at $C"; exit 0; fi
  echo "FAIL: corpus not found at $C (../shared; set YUSUAN_ALLOW_MISSING_FIXTURES=1 to skip)"
  echo "corpus: $pass passed, 1 failed"
  exit 1
fi
T=$(mktemp -d /tmp/yusuan-corpus.XXXXXX)
trap 'rm -rf "$T"' EXIT

# extract DOC FORM: tables as CSV into $T/DOC.FORM/, JSON into $T/DOC.FORM.json
extract() {
  d="$T/$1.$2"
  mkdir -p "$d"
  "$Y" extract --template auto -f csv -o "$d" "$C/$1.$2" > /dev/null 2> "$T/err" || bad "$1.$2: extract csv: $(cat "$T/err")"
  "$Y" extract --template auto "$C/$1.$2" > "$d.json" 2> "$T/err" || bad "$1.$2: extract json: $(cat "$T/err")"
  tr -d ' \n' < "$d.json" > "$d.flat"
}

# read DOC TEMPLATE TABLES: both forms, the template recognised, the same tables
read_doc() {
  doc=$1
  for form in layout.txt pdf; do
    extract "$doc" "$form"
    "$Y" audit -f summary "$C/$doc.$form" > "$T/$doc.$form.sum" 2>&1
    grep -q " $2 *$3 " "$T/$doc.$form.sum" && ok || { bad "$doc.$form: template $2, tables $3"; cat "$T/$doc.$form.sum"; }
  done
  # the PDF and its text read to the same cells (labels compared without spaces)
  for f in "$T/$doc.layout.txt"/*.csv; do
    b=$(basename "$f")
    if tr -d ' ' < "$f" | cmp -s - "$(printf '%s' "$T/$doc.pdf/$b")" 2> /dev/null ||
       [ "$(tr -d ' ' < "$f")" = "$(tr -d ' ' < "$T/$doc.pdf/$b")" ]; then ok
    else bad "$doc: $b differs between the PDF and its text"; diff "$f" "$T/$doc.pdf/$b" | head -5; fi
  done
}

# rows DOC TABLE_FILE N: the table has N body rows (CSV lines after the header)
rows() {
  for form in layout.txt pdf; do
    n=$(($(wc -l < "$T/$1.$form/$2") - 1))
    [ "$n" -eq "$3" ] && ok || bad "$1.$form: $2 has $n rows, want $3"
  done
}

# cell DOC TABLE_FILE LINE: the CSV line (every cell of a row) is in the table, in both forms
row() {
  for form in layout.txt pdf; do
    tr -d ' \r' < "$T/$1.$form/$2" | grep -qxF -- "$3" && ok || bad "$1.$form: $2 has no row '$3'"
  done
}

# tie DOC TEXT TABLE ROW COLUMN: a narrative figure (in document units) tied to a cell
tie() {
  for form in layout.txt pdf; do
    grep -qF "\"text\":\"$2\",\"table\":\"$3\",\"row\":\"$4\",\"column\":\"$5\"" "$T/$1.$form.flat" && ok ||
      bad "$1.$form: narrative figure $2 not tied to $3/$4/$5"
  done
}

# findings DOC: audit's findings (without the D-* and W-* text rules; 第N行 for line
# numbers, which differ between the PDF's text and pdftotext's) are exactly
# those on stdin, in both forms
findings() {
  cat > "$T/want"
  for form in layout.txt pdf; do
    "$Y" audit "$C/$1.$form" > "$T/got.raw" 2>&1; rc=$?
    grep -v '\[[DW]-' "$T/got.raw" | grep -v 'tables read' | sed "s|^$C/$1.$form: ||; s|第[0-9]*行|第N行|g; s| (p\.[0-9]* l\.[0-9]*)||; s| (l\.[0-9]*)||" > "$T/got"
    if cmp -s "$T/want" "$T/got"; then ok; else bad "$1.$form: findings differ"; diff "$T/want" "$T/got"; fi
    # exit 0 or 1 (errors of the text rules count too): the document was read
    [ $rc -le 1 ] && ok || bad "$1.$form: audit exit $rc"
  done
}

# ======================================================================
# putuo-wanli-2025-budget: 普陀区万里街道办事处 2025年部门预算 (31 pp)
# ======================================================================
D=putuo-wanli-2025-budget
read_doc $D shanghai-dept-budget 9/9
# p.10 部门财务收支预算总表: 收入总计 189,767,551 = 支出总计; nine 类 lines
rows $D 01-summary.csv 10
# (a 部门预算 prints 预算数 only on its expenditure side: no 人员经费/公用经费/项目支出 columns)
row $D 01-summary.csv '一、财政拨款收入,189767551,一、一般公共服务支出,3296600'
row $D 01-summary.csv '1.一般公共预算资金,189767551,二、公共安全支出,2878025'
row $D 01-summary.csv '2.政府性基金,0,三、教育支出,250000'
row $D 01-summary.csv '四、其他收入,0,七、卫生健康支出,3216973'
row $D 01-summary.csv ',,八、城乡社区支出,154369326'
row $D 01-summary.csv '收入总计,189767551,支出总计,189767551'
# pp.11-14 部门收入预算总表: 66 科目 rows and 合计; 类 款 项 printed split (201 05 07)
rows $D 02-income.csv 67
row $D 02-income.csv '201,一般公共服务支出,3296600,3296600,0,0,0'
row $D 02-income.csv '2010507,专项普查活动,438300,438300,0,0,0'
row $D 02-income.csv '2080505,机关事业单位基本养老保险缴费支出,4827156,4827156,0,0,0'
row $D 02-income.csv '21201,城乡社区管理事务,94995790,94995790,0,0,0'
row $D 02-income.csv '2210399,其他城乡社区住宅支出,2177200,2177200,0,0,0'
row $D 02-income.csv ',合计,189767551,189767551,0,0,0'
# pp.15-18 部门支出预算总表
rows $D 03-expenditure.csv 67
row $D 03-expenditure.csv '208,社会保障和就业支出,16091895,13755695,2336200'
row $D 03-expenditure.csv '2120101,行政运行,17887739,17737739,150000'
row $D 03-expenditure.csv '2120102,一般行政管理事务,17464243,0,17464243'
row $D 03-expenditure.csv ',合计,189767551,101341746,88425805'
# p.19 部门财政拨款收支预算总表
rows $D 04-fiscal.csv 10
row $D 04-fiscal.csv '一、一般公共预算资金,189767551,一、一般公共服务支出,3296600,3296600,0,0'
row $D 04-fiscal.csv ',,六、社会保障和就业支出,16091895,16091895,0,0'
row $D 04-fiscal.csv '收入总计,189767551,支出总计,189767551,189767551,0,0'
# pp.20-24 部门一般公共预算支出功能分类预算表: a header repeated on each page
rows $D 05-gpb.csv 67
row $D 05-gpb.csv '2080599,其他行政事业单位养老支出,4160,4160,0'
row $D 05-gpb.csv '2101102,事业单位医疗,1548033,1548033,0'
row $D 05-gpb.csv ',合计,189767551,101341746,88425805'
# pp.25-26 政府性基金 / 国有资本经营: empty, with their notes
rows $D 06-govfund.csv 0
rows $D 07-soe.csv 0
# pp.27-28 部门一般公共预算基本支出部门预算经济分类预算表
rows $D 08-basic.csv 32
row $D 08-basic.csv '301,工资福利支出,90238584,90238584,0'
row $D 08-basic.csv '30217,公务接待费,13500,0,13500'
row $D 08-basic.csv '30302,退休费,275460,275460,0'
row $D 08-basic.csv ',合计,101341746,90514044,10827702'
# p.29 “三公”经费和机关运行经费预算表, in 万元: 37.91 0 1.35 36.56 15 21.56 464.64
rows $D 09-sangong.csv 1
row $D 09-sangong.csv '37.91,0.00,1.35,36.56,15.00,21.56,464.64'
# the narrative (万元): 编制说明 and its 33 科目, 三公, 机关运行经费
tie $D 18,976.76 summary grand_in in.amount
tie $D 43.83 gpb 2010507 total
tie $D 217.72 gpb 2210399 total
tie $D 36.56 sangong total sg_car
tie $D 464.64 sangong total jiguan
# Findings: one rounding residue of 1 元, carried up the hierarchy in three tables.
# pp.12, 17, 22: 21201 城乡社区管理事务 94,995,790 but its 项 add up to 94,995,789
# (17,887,739 + 17,464,243 + 6,522,681 + 53,121,126); and 212 城乡社区支出
# 154,369,326 is one 元 less than its 款 (94,995,790 + 2,191,300 + 4,833,300 +
# 52,348,937); in the 支出 tables the 21201 row's 基本支出 + 项目支出 =
# 77,381,546 + 17,614,243 = 94,995,789.  Half a 元 per summed cell explains it.
findings $D <<'W'
rounding [T-KUAN-SUM] income 21201 total: 《部门收入预算总表》21201城乡社区管理事务“合计”为94,995,790，按所属各项之和应为94,995,789，相差1。
rounding [T-CLASS-SUM] income 212 total: 《部门收入预算总表》212城乡社区支出“合计”为154,369,326，按所属各款之和应为154,369,327，相差1。
rounding [T-KUAN-SUM] income 21201 fiscal: 《部门收入预算总表》21201城乡社区管理事务“财政拨款收入”为94,995,790，按所属各项之和应为94,995,789，相差1。
rounding [T-CLASS-SUM] income 212 fiscal: 《部门收入预算总表》212城乡社区支出“财政拨款收入”为154,369,326，按所属各款之和应为154,369,327，相差1。
rounding [T-ROW-SUM] expenditure 21201 total: 《部门支出预算总表》21201城乡社区管理事务“合计”为94,995,790，按基本支出与项目支出之和应为94,995,789，相差1。
rounding [T-KUAN-SUM] expenditure 21201 total: 《部门支出预算总表》21201城乡社区管理事务“合计”为94,995,790，按所属各项之和应为94,995,789，相差1。
rounding [T-CLASS-SUM] expenditure 212 total: 《部门支出预算总表》212城乡社区支出“合计”为154,369,326，按所属各款之和应为154,369,327，相差1。
rounding [T-ROW-SUM] gpb 21201 total: 《部门一般公共预算支出功能分类预算表》21201城乡社区管理事务“合计”为94,995,790，按基本支出与项目支出之和应为94,995,789，相差1。
rounding [T-KUAN-SUM] gpb 21201 total: 《部门一般公共预算支出功能分类预算表》21201城乡社区管理事务“合计”为94,995,790，按所属各项之和应为94,995,789，相差1。
rounding [T-CLASS-SUM] gpb 212 total: 《部门一般公共预算支出功能分类预算表》212城乡社区支出“合计”为154,369,326，按所属各款之和应为154,369,327，相差1。
W

# ======================================================================
# putuo-wanli-2023-budget: the same department, 2023年部门预算 (35 pp), with
# five 财政项目支出绩效目标填报表
# ======================================================================
D=putuo-wanli-2023-budget
read_doc $D shanghai-dept-budget 10/10
rows $D 01-summary.csv 9
row $D 01-summary.csv '1.一般公共预算,164978640,二、公共安全支出,1252300'
row $D 01-summary.csv '收入总计,164978640,支出总计,164978640'
# p.11 收入预算总表: zeros printed blank; a name wrapped onto the next line
rows $D 02-income.csv 67
row $D 02-income.csv '2010506,统计管理,26300,26300,,,'
row $D 02-income.csv '2080505,机关事业单位基本养老保险缴费支出,4412547,4412547,,,'
row $D 02-income.csv ',合计,164978640,164978640,,,'
rows $D 03-expenditure.csv 67
row $D 03-expenditure.csv '2120199,其他城乡社区管理事务支出,49927105,46161905,3765200'
row $D 03-expenditure.csv ',合计,164978640,99406297,65572343'
# p.19 财政拨款收支预算总表: 四、文化旅游体育与传媒 / 支出 wrapped around its figures
rows $D 04-fiscal.csv 9
row $D 04-fiscal.csv ',,四、文化旅游体育与传媒支出,200000,200000,0,0'
row $D 04-fiscal.csv '收入总计,164978640,支出总计,164978640,164978640,0,0'
rows $D 05-gpb.csv 67
row $D 05-gpb.csv '20802,民政管理事务,215000,0,215000'
# pp.27-28 经济分类: 人员经费 / 公用经费 printed blank for zero; a page printed narrower
rows $D 08-basic.csv 31
row $D 08-basic.csv '302,商品和服务支出,15381432,,15381432'
row $D 08-basic.csv '30206,电费,710000,,710000'
row $D 08-basic.csv '30302,退休费,177480,177480,'
row $D 08-basic.csv ',合计,99406297,84024865,15381432'
row $D 09-sangong.csv '22.91,0.00,1.35,21.56,0.00,21.56,786.09'
tie $D 2.63 gpb 2010506 total
tie $D 1.48 gpb 2010506 prior
tie $D 786.09 sangong total jiguan
# the performance forms (元, two decimals): five, funds read
for form in layout.txt pdf; do
  n=$(grep -c '"exec_score"' "$T/$D.$form.json")
  # the forms in their own unit (元 with two decimals, as printed: 4,100,000.00)
  [ "$n" -eq 5 ] && ok || bad "$D.$form: $n performance forms, want 5"
  grep -qF '"name":"就业援助基地补贴","department":"","implementer":"","unit":"元","total":"6351000.00","fiscal":"6351000.00","carry":"0.00","other":"0.00"' "$T/$D.$form.flat" && ok || bad "$D.$form: form 就业援助基地补贴"
done
# Findings, all real:
# p.35, the fifth 财政项目支出绩效目标填报表 (公共服务设施运行经费): 年度资金申请总额
#   10,903,043.00 but 其中：当年财政拨款 11,419,043.00 (上年结转 0, 其他资金 0).
# p.7, 编制说明 item 16 (职业年金缴费支出, 220.63万元 = the table's 2,206,272): its
#   "2023年预算安排441.25万元，比2022年预算执行数增加60.54%" is item 15's text copied:
#   the 项 is 220.63万元, and from 132.59万元 to 441.25万元 is +232.79%, not 60.54%.
# p.6, item 3 (群众团体事务 一般行政管理事务): 11.67万元 -> 45.41万元 is +289.12%,
#   the text says 314.82%.
# p.6, 编制说明: “政府性基金拨款支出预算0万元，比2022年预算增加1421.25万元” — the
#   一般公共预算 line's increase copied onto a line of 0 (found by the narrative read
#   without the template, beside the template's sections).
findings $D <<'W'
error [P-FUNDS] perf 公共服务设施运行经费 total: 项目“公共服务设施运行经费”绩效目标表年度资金总额为10,903,043.00，财政拨款、上年结转与其他资金之和为11,419,043.00。
error [N-FIGURE] narrative 2080506 total: 情况说明中的数字441.25万元与《部门一般公共预算支出功能分类预算表》对应数220.63万元不一致。
error [N-SHARE] narrative  change: 情况说明中“增加314.82%”与45.41万元比11.67万元的变动289.12%不一致。
error [N-SHARE] narrative  change: 情况说明中“增加60.54%”与441.25万元比132.59万元的变动232.79%不一致。
error [N-CHANGE] narrative change : 第6页：情况说明称“政府性基金拨款支出预算0万元，比2022年预算增加1421.25万元”，增加额1,421.25万元大于本年数0万元，上年数不可能为负。
W

# ======================================================================
# putuo-welfare-home-2024-unit-budget: 普陀区社会福利院 2024年单位预算 (16 pp)
# ======================================================================
D=putuo-welfare-home-2024-unit-budget
read_doc $D shanghai-unit-budget 9/9
# p.6 财务收支预算总表: 支出 split into 人员经费, 公用经费, 项目支出; the 210 类
# printed under its old name 医疗卫生与计划生育支出 (read as 210 by its place)
rows $D 01-summary.csv 8
row $D 01-summary.csv '一、财政拨款收入,9501164,一、一般公共服务支出,0,0,0,0'
row $D 01-summary.csv '1、一般公共预算资金,9501164,二、社会保障和就业支出,11281624,6540674,2120950,2620000'
row $D 01-summary.csv '2、政府性基金,0,三、医疗卫生与计划生育支出,503724,503724,0,0'
row $D 01-summary.csv '二、事业收入,2620000,,,,,'
row $D 01-summary.csv '收入总计,12121164,支出总计,12121164,7380214,2120950,2620000'
rows $D 02-income.csv 15
row $D 02-income.csv '2081005,社会福利事业单位,9584796,6964796,2620000,,'
row $D 02-income.csv ',合计,12121164,9501164,2620000,,'
# p.8 支出预算总表: the 项 under 21011 printed with the code "7 11 02"
rows $D 03-expenditure.csv 15
row $D 03-expenditure.csv '71102,事业单位医疗,503724,503724,'
row $D 03-expenditure.csv ',合计,12121164,9501164,2620000'
rows $D 05-gpb.csv 15
row $D 05-gpb.csv '2081005,社会福利事业单位,6964796,6964796,'
# p.12 经济分类: 26 rows
rows $D 08-basic.csv 27
row $D 08-basic.csv '30209,物业管理费,1206000,,1206000'
row $D 08-basic.csv ',合计,9501164,7380214,2120950'
# p.13 “三公” (万元): 6.4 0 0 6.4 [购置费 blank] 6.4 0
row $D 09-sangong.csv '6.40,0.00,0.00,6.40,,6.40,0.00'
tie $D 738.66 gpb 2081005 total
tie $D 50.37 gpb 2101102 total
# Findings, all real:
# pp.8 and 11, 单位支出预算总表 and 一般公共预算支出功能分类预算表: the 项 事业单位医疗
#   under 210 11 is printed with the code "7 11 02" (its place makes it 2101102).
# p.6, 编制说明 item 4: 社会福利事业单位（项） 738.66万元 (said twice), but the 一般公共
#   预算支出表 has 2081005 at 6,964,796元 = 696.48万元.
# pp.7 and 10, 财务收支预算总表 and 财政拨款收支预算总表: 类 210 is named with its
#   pre-2018 name 医疗卫生与计划生育支出; in 2024 it is 卫生健康支出 (warnings).
# p.14, 一般公共预算基本支出部门预算经济分类预算表: the 302/303 rows use an old local
#   numbering (30202 咨询费 … 30213 其他商品和服务支出, 303 离退休人员经费, 30301 退休费;
#   30210 车辆运行费 is no 2024 code) and 30108 is named 基本养老保险费 (…缴费 in 2024).
findings $D <<'W'
error [T-KUAN-SUM] expenditure 7 11 02 code: 《预算单位支出预算总表》第N行“事业单位医疗”的科目编码印为“7 11 02”，不是21011行政事业单位医疗下的编码（按所在位置应为2101102）。
error [T-KUAN-SUM] gpb 7 11 02 code: 《预算单位一般公共预算支出功能分类预算表》第N行“事业单位医疗”的科目编码印为“7 11 02”，不是21011行政事业单位医疗下的编码（按所在位置应为2101102）。
error [N-FIGURE] narrative 2081005 total: 情况说明中的数字738.66万元与《预算单位一般公共预算支出功能分类预算表》对应数696.48万元不一致。
error [N-FIGURE] narrative 2081005 total: 情况说明中的数字738.66万元与《预算单位一般公共预算支出功能分类预算表》对应数696.48万元不一致。
warning [T-NAME] summary 210 out.item: 《预算单位财务收支预算总表》210的类名称“医疗卫生与计划生育支出”与《2024年政府收支分类科目》的“卫生健康支出”不一致。
warning [T-NAME] fiscal 210 out.item: 《预算单位财政拨款收支预算总表》210的类名称“医疗卫生与计划生育支出”与《2024年政府收支分类科目》的“卫生健康支出”不一致。
warning [T-NAME] basic 30108 name: 《预算单位一般公共预算基本支出部门预算经济分类预算表》30108的科目名称“机关事业单位基本养老保险费”与《部门预算支出经济分类科目》的“机关事业单位基本养老保险缴费”不一致。
warning [T-NAME] basic 30202 name: 《预算单位一般公共预算基本支出部门预算经济分类预算表》30202的科目名称“咨询费”与《部门预算支出经济分类科目》的“印刷费”不一致。
warning [T-NAME] basic 30203 name: 《预算单位一般公共预算基本支出部门预算经济分类预算表》30203的科目名称“水费”与《部门预算支出经济分类科目》的“咨询费”不一致。
warning [T-NAME] basic 30204 name: 《预算单位一般公共预算基本支出部门预算经济分类预算表》30204的科目名称“电费”与《部门预算支出经济分类科目》的“手续费”不一致。
warning [T-NAME] basic 30205 name: 《预算单位一般公共预算基本支出部门预算经济分类预算表》30205的科目名称“邮电费”与《部门预算支出经济分类科目》的“水费”不一致。
warning [T-NAME] basic 30206 name: 《预算单位一般公共预算基本支出部门预算经济分类预算表》30206的科目名称“办公设备购置费”与《部门预算支出经济分类科目》的“电费”不一致。
warning [T-NAME] basic 30207 name: 《预算单位一般公共预算基本支出部门预算经济分类预算表》30207的科目名称“工会经费”与《部门预算支出经济分类科目》的“邮电费”不一致。
warning [T-NAME] basic 30208 name: 《预算单位一般公共预算基本支出部门预算经济分类预算表》30208的科目名称“福利费”与《部门预算支出经济分类科目》的“取暖费”不一致。
warning [T-NAME] basic 30210 code: 《预算单位一般公共预算基本支出部门预算经济分类预算表》30210“车辆运行费”不是部门预算支出经济分类科目的编码。
warning [T-NAME] basic 30211 name: 《预算单位一般公共预算基本支出部门预算经济分类预算表》30211的科目名称“事业单位离退休人员福利费”与《部门预算支出经济分类科目》的“差旅费”不一致。
warning [T-NAME] basic 30212 name: 《预算单位一般公共预算基本支出部门预算经济分类预算表》30212的科目名称“机关事业单位退休人员活动费”与《部门预算支出经济分类科目》的“因公出国（境）费用”不一致。
warning [T-NAME] basic 30213 name: 《预算单位一般公共预算基本支出部门预算经济分类预算表》30213的科目名称“其他商品和服务支出”与《部门预算支出经济分类科目》的“维修（护）费”不一致。
warning [T-NAME] basic 303 name: 《预算单位一般公共预算基本支出部门预算经济分类预算表》303的科目名称“离退休人员经费”与《部门预算支出经济分类科目》的“对个人和家庭的补助”不一致。
warning [T-NAME] basic 30301 name: 《预算单位一般公共预算基本支出部门预算经济分类预算表》30301的科目名称“退休费”与《部门预算支出经济分类科目》的“离休费”不一致。
W

# ======================================================================
# putuo-finance-bureau-2024-final-accounts: 普陀区财政局 2024年度部门决算 (25 pp, 万元)
# cells beside wrapped names are centred, so figures sit on lines of their own
# ======================================================================
D=putuo-finance-bureau-2024-final-accounts
read_doc $D shanghai-final-accounts 9/9
rows $D 01-summary.csv 30
row $D 01-summary.csv '一、一般公共预算财政拨款收入,2940.05,一、一般公共服务支出,2106.66'
row $D 01-summary.csv '八、其他收入,6.20,八、社会保障和就业支出,326.71'
row $D 01-summary.csv ',,十九、住房保障支出,445.69'
row $D 01-summary.csv '本年收入合计,2946.25,本年支出合计,2940.05'
row $D 01-summary.csv '年初结转和结余,49.14,年末结转和结余,55.34'
row $D 01-summary.csv '总计,2995.39,总计,2995.39'
rows $D 02-income.csv 20
row $D 02-income.csv ',合计,2946.25,2940.05,,,,,6.20'
row $D 02-income.csv '2010601,行政运行,1511.90,1511.89,,,,,0.01'
row $D 02-income.csv '2010602,一般行政管理事务,16.19,10.00,,,,,6.19'
row $D 02-income.csv '2080505,机关事业单位基本养老保险缴费支出,160.75,160.75,,,,,'
rows $D 03-expenditure.csv 20
row $D 03-expenditure.csv ',合计,2940.05,2336.91,603.14,,,'
row $D 03-expenditure.csv '2010601,行政运行,1511.89,1503.52,8.37,,,'
row $D 03-expenditure.csv '2010607,信息化建设,135.25,,135.25,,,'
rows $D 04-fiscal.csv 34
row $D 04-fiscal.csv '二、政府性基金预算财政拨款,0.00,,,,,'
row $D 04-fiscal.csv '本年收入合计,2940.05,本年支出合计,2940.05,2940.05,0.00,0.00'
row $D 04-fiscal.csv '年初财政拨款结转和结余,21.63,年末财政拨款结转和结余,21.63,21.63,0.00,0.00'
row $D 04-fiscal.csv '一、一般公共预算财政拨款,21.63,,,,,'
row $D 04-fiscal.csv '总计,2961.68,总计,2961.68,2961.68,0.00,0.00'
rows $D 05-gpb.csv 20
row $D 05-gpb.csv '2210203,购房补贴,258.50,258.50,'
row $D 05-gpb.csv ',合计,2940.05,2336.91,603.14'
# p.16 基本支出决算表: two halves (人员经费 301, 303 | 公用经费 302, 310), each 款
# code printed under its 类 on the right half
rows $D 06-basic.csv 66
row $D 06-basic.csv '30102,津贴补贴,1238.58'
row $D 06-basic.csv '30204,手续费,0.09'
row $D 06-basic.csv '30299,其他商品和服务支出,11.53'
row $D 06-basic.csv '310,资本性支出,13.58'
row $D 06-basic.csv '31002,办公设备购置,13.58'
row $D 06-basic.csv ',人员经费合计,2152.26'
row $D 06-basic.csv ',公用经费合计,184.65'
# p.18 三公 (预算数/决算数 pairs): 合计预算 0.95, 公务接待费预算 0.95
row $D 07-sangong.csv '0.95,,,,,,,,,,0.95,'
rows $D 08-govfund.csv 0
tie $D 2,995.39 summary grand_in in.amount
tie $D 0.3 fiscal fiscal_grand_in in.amount
tie $D 1,511.89 gpb 2010601 total
tie $D 2,152.26 basic personnel total
# Findings.  Real errors:
# p.21, 四、财政拨款收入支出决算总体情况说明: "财政拨款收入支出总计0.3万元" — the
#   财政拨款收入支出决算总表 (p.12) says 总计 2,961.68.
# p.21, 五(二): 一般公共服务支出 2,106.66万元 is 71.65% of 2,940.05万元, not 71.73%.
# Rounding residues of 0.01万元 (cells rounded from 元 one by one):
# pp.8, 10, 15: the 合计 of the 收入/支出/一般公共预算支出 tables is 0.01 less than
#   their 类 (2,106.66 + 326.72 + 60.99 + 445.69 = 2,940.06); p.16: 301 is 2,082.85
#   but its 款 add to 2,082.86, 302 is 171.07 against 171.09; pp.6, 12 vs 10, 15: the
#   two 总表 print 社会保障和就业支出 326.71, the 支出/一般公共预算支出 tables 326.72
#   (= 84.65 + 160.75 + 80.38 + 0.94); p.24: 政府采购 251.25 against 4.79 + 0 + 246.47.
findings $D <<'W'
rounding [T-TOTAL-SUM] income 合计 total: 《收入决算表》合计“本年收入合计”为2,946.25，按各类之和应为2,946.26，相差0.01。
rounding [T-TOTAL-SUM] income 合计 fiscal: 《收入决算表》合计“财政拨款收入”为2,940.05，按各类之和应为2,940.06，相差0.01。
rounding [T-TOTAL-SUM] expenditure 合计 total: 《支出决算表》合计“本年支出合计”为2,940.05，按各类之和应为2,940.06，相差0.01。
rounding [T-TOTAL-SUM] expenditure 合计 basic: 《支出决算表》合计“基本支出”为2,336.91，按各类之和应为2,336.92，相差0.01。
rounding [T-TOTAL-SUM] gpb 合计 total: 《一般公共预算财政拨款支出决算表》合计“合计”为2,940.05，按各类之和应为2,940.06，相差0.01。
rounding [T-TOTAL-SUM] gpb 合计 basic: 《一般公共预算财政拨款支出决算表》合计“基本支出”为2,336.91，按各类之和应为2,336.92，相差0.01。
rounding [T-CLASS-SUM] basic 301 total: 《一般公共预算财政拨款基本支出决算表》301工资福利支出“决算数”为2,082.85，按所属各款之和应为2,082.86，相差0.01。
rounding [T-CLASS-SUM] basic 302 total: 《一般公共预算财政拨款基本支出决算表》302商品和服务支出“决算数”为171.07，按所属各款之和应为171.09，相差0.02。
rounding [X-SUMMARY-CLASS] summary 八、社会保障和就业支出 out.amount: 《收入支出决算总表》八、社会保障和就业支出“决算数”为326.71，按支出决算表该类合计应为326.72，相差0.01。
rounding [X-GPB-TOTAL] gpb 208 total: 《一般公共预算财政拨款支出决算表》208社会保障和就业支出“合计”为326.72，按财政拨款收入支出决算总表该类一般公共预算财政拨款应为326.71，相差0.01。
error [N-FIGURE] narrative fiscal_grand_in in.amount: 情况说明中的数字0.3万元与《财政拨款收入支出决算总表》对应数2,961.68万元不一致。
error [N-SHARE] narrative  share: 情况说明中“占71.73%”与2,106.66万元在2,940.05万元中所占比例71.65%不一致。
rounding [N-PARTS] narrative  total: 情况说明中总额251.25万元与所列各项之和251.26万元不一致。
W

# ======================================================================
# final-accounts-template-2024: the blank template (上海市XX局): every table found,
# no figure anywhere, so no table or narrative finding (its XX placeholders are
# the text rules' business)
# ======================================================================
D=final-accounts-template-2024
read_doc $D shanghai-final-accounts 9/9
rows $D 01-summary.csv 28
row $D 01-summary.csv ',,二十四、抗疫特别国债安排的支出,0.00'
row $D 06-basic.csv '30231,公务用车运行维护费,'
row $D 06-basic.csv '31099,其他资本性支出,'
findings $D < /dev/null

# ======================================================================
# mutation: every figure of the tables of putuo-wanli-2025-budget (text form)
# ======================================================================
D=putuo-wanli-2025-budget
f="$C/$D.layout.txt"
lay="$ROOT/data/layouts/shanghai-dept-budget.layout"
# table titles of the layout, canonical, with their ids
awk '$1 == "table" { id = $2 } $1 == "title" && id != "" { t = $0; sub(/^title /, "", t); gsub(/“|”|"/, "", t); print id "\t" t; id = "" }' "$lay" > "$T/titles"
"$Y" audit "$f" > "$T/base.out" 2>&1
base=$(grep -v '\[[DW]-' "$T/base.out" | grep -c ': error ')
# the lines of the tables: from the first table's title to 其他相关情况说明
start=$(grep -n '部门财务收支预算总表 *$' "$f" | grep -v '…' | tail -1 | cut -d: -f1)
end=$(grep -n '其他相关情况说明 *$' "$f" | tail -1 | cut -d: -f1)
n=0 caught=0
table=""
ln=$start
while [ "$ln" -lt "$end" ]; do
  line=$(sed -n "${ln}p" "$f")
  flat=$(printf '%s' "$line" | tr -d ' \f' | sed 's/“//g; s/”//g')
  t=$(awk -F'\t' -v l="$flat" 'index(l, $2) && length(l) - length($2) <= 8 { print $1 }' "$T/titles" | head -1)
  [ -n "$t" ] && table=$t
  fig=$(printf '%s' "$line" | grep -oE '(^|[[:space:]])[0-9][0-9,]*(\.[0-9]+)?([[:space:]]|$)' | head -1 | tr -d ' \f')
  code=$(printf '%s' "$line" | tr -d '\f' | grep -oE '^ *[0-9]{3}( +[0-9]{2}){0,2}' | tr -d ' ')
  # a figure of the table (not the 科目编码)
  if [ -n "$code" ]; then
    fig=$(printf '%s' "$line" | tr -d '\f' | sed -E 's/^ *[0-9]{3}( +[0-9]{2}){0,2}//' | grep -oE '(^|[[:space:]])[0-9][0-9,]*(\.[0-9]+)?([[:space:]]|$)' | head -1 | tr -d ' ')
  fi
  if [ -n "$fig" ] && [ -n "$table" ]; then
    if [ -n "$fig" ]; then
      n=$((n + 1))
      # the same width: the first digit changed (a single digit: to 9, or 9 to 1)
      first=$(printf '%s' "$fig" | cut -c1)
      if [ ${#fig} -eq 1 ]; then [ "$first" = 9 ] && new=1 || new=9
      else new="$(( (first % 9) + 1 ))$(printf '%s' "$fig" | cut -c2-)"; fi
      awk -v L="$ln" -v F="$fig" -v N="$new" -v C="$code" 'NR == L { s = $0; k = 0
          if (C != "") { match(s, /^[ \f]*[0-9][0-9][0-9]( +[0-9][0-9])*/); k = RLENGTH }
          head = substr(s, 1, k); rest = substr(s, k + 1)
          i = index(rest, F); $0 = head substr(rest, 1, i - 1) N substr(rest, i + length(F)) } { print }' "$f" > "$T/m.txt"
      "$Y" audit "$T/m.txt" > "$T/m.out" 2>&1
      now=$(grep -v '\[[DW]-' "$T/m.out" | grep -c ': error ')
      named=1
      grep ': error ' "$T/m.out" | grep -q " $table " || named=0
      if [ -n "$code" ] && ! grep ': error ' "$T/m.out" | grep -q " $code "; then named=0; fi
      if [ "$now" -gt "$base" ] && [ $named -eq 1 ]; then caught=$((caught + 1))
      else echo "  mutation: line $ln ($table ${code:-} $fig -> $new) not caught"; fi
    fi
  fi
  ln=$((ln + 1))
done
echo "  mutations: $caught of $n figures changed caught"
[ $n -gt 250 ] && [ $caught -eq $n ] && ok || bad "mutations: $caught of $n caught"

echo "corpus: $pass passed, $fail failed"
[ $fail -eq 0 ]
