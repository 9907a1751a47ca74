#!/usr/bin/env python3
"""Rebuild the held-out documents, their encoded variants and gold.jsonl from the markup here.

    python3 tests/data/heldout/src/build.py

Markup (in *.mk, and *.src which additionally gets inline pinyin noise like 產(chǎn)):
    [[span|value|unit|qualifier]]      qualifier defaults to exact
value is a product/quotient of decimal literals and magnitude words (1318.2*亿, 0.38/万, 2^2);
a range is LOW~HIGH. A file starting with the line `#CRLF` is written with CRLF line ends.
Offsets are UTF-8 byte offsets computed here, never by hand; values are computed with
decimal.Decimal and, for spans with Arabic digits, checked to be the written number times 10^k.
"""
import glob, json, os, re, sys
from decimal import Decimal as D

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
MAG = {'十': D(10), '百': D(100), '千': D(1000), '万': D(10**4), '亿': D(10**8), '万亿': D(10**12),
       '兆': D(10**12), '百万': D(10**6), '十亿': D(10**9)}
QUALS = {'exact', 'approx', 'over', 'at_least', 'under', 'at_most'}
FW = str.maketrans('０１２３４５６７８９．，', '0123456789.,')
# Characters that get inline pinyin in *.src (the style of the dev set's 民生网 page).
PY = {'業': 'yè', '產': 'chǎn', '發': 'fā', '創': 'chuàng', '戰': 'zhàn', '質': 'zhì', '經': 'jīng', '區': 'qū',
      '環': 'huán', '優': 'yōu', '關': 'guān', '規': 'guī', '領': 'lǐng', '數': 'shù', '構': 'gòu', '設': 'shè',
      '現': 'xiàn', '務': 'wù', '統': 'tǒng', '據': 'jù', '術': 'shù', '網': 'wǎng', '轉': 'zhuǎn', '應': 'yīng',
      '聯': 'lián', '續': 'xù', '養': 'yǎng', '節': 'jié', '農': 'nóng', '鎮': 'zhèn', '鄉': 'xiāng', '穩': 'wěn',
      '監': 'jiān'}
# Encoded copies: same decoded text, so the same gold. Big5 only where the text is encodable.
VARIANTS = ['h06_tw_news', 'h09_forum_page', 'h10_portal_page', 'h11_wechat_repost']


def ev(expr):
    toks = re.split(r'([*/])', expr.strip())
    def atom(t):
        t = t.strip()
        if t in MAG:
            return MAG[t]
        if t.startswith('2^'):
            return D(2) ** int(t[2:])
        return D(t)
    v = atom(toks[0])
    for op, t in zip(toks[1::2], toks[2::2]):
        v = v * atom(t) if op == '*' else v / atom(t)
    return v


def fmt(d):
    s = format(d.normalize(), 'f')
    if '.' in s:
        s = s.rstrip('0').rstrip('.')
    return '0' if s == '-0' else s


def arabic_ok(span, value):
    nums = re.findall(r'-?\d[\d,]*(?:\.\d+)?', span.translate(FW))
    if len(nums) != 1 or value is None:
        return True
    n = D(nums[0].replace(',', ''))
    if n == 0:
        return value == 0
    r = (value / n).normalize()
    return r == D(10) ** r.adjusted()


def noise(s):
    return ''.join(c + ('(' + PY[c] + ')' if c in PY else '') for c in s)


def add_noise(raw):
    out, j = '', 0
    for m in re.finditer(r'\[\[(.*?)\]\]', raw, re.S):
        out += noise(raw[j:m.start()])
        parts = m.group(1).split('|')
        parts[0] = noise(parts[0])
        out += '[[' + '|'.join(parts) + ']]'
        j = m.end()
    return out + noise(raw[j:])


def build(path):
    raw = open(path, encoding='utf-8').read()
    if path.endswith('.src'):
        raw = add_noise(raw)
    crlf = raw.startswith('#CRLF\n')
    if crlf:
        raw = raw[len('#CRLF\n'):]
    fix = (lambda s: s.replace('\n', '\r\n')) if crlf else (lambda s: s)
    text, quants, pos = '', [], 0
    for m in re.finditer(r'\[\[(.*?)\]\]', raw, re.S):
        text += fix(raw[pos:m.start()])
        parts = m.group(1).split('|')
        span, vexpr, unit = parts[0], parts[1], parts[2]
        qual = parts[3] if len(parts) > 3 else 'exact'
        assert qual in QUALS, (path, m.group(0))
        start = len(text.encode('utf-8'))
        text += span
        q = {'start': start, 'end': len(text.encode('utf-8')), 'text': span}
        if '~' in vexpr:
            lo, hi = vexpr.split('~')
            q.update(value=None, low=fmt(ev(lo)), high=fmt(ev(hi)))
        else:
            v = ev(vexpr)
            q['value'] = fmt(v)
            if not arabic_ok(span, v):
                sys.exit(f'{path}: value check failed for {span!r} = {q["value"]}')
        q['unit'], q['qualifier'] = unit, qual
        quants.append(q)
        pos = m.end()
    text += fix(raw[pos:])
    assert '[[' not in text and ']]' not in text, path
    b = text.encode('utf-8')
    for q in quants:
        assert b[q['start']:q['end']].decode('utf-8') == q['text']
    return text, quants


def main():
    gold, texts = [], {}
    for path in sorted(glob.glob(os.path.join(HERE, 'h*.mk')) + glob.glob(os.path.join(HERE, 'h*.src'))):
        name = os.path.splitext(os.path.basename(path))[0]
        text, qs = build(path)
        texts[name] = text
        with open(os.path.join(OUT, name + '.txt'), 'w', encoding='utf-8', newline='') as f:
            f.write(text)
        gold.append({'source': name + '.txt', 'quantities': qs, 'facts': []})
        print(f'{name}: {len(text)} chars, {len(qs)} quantities')
    gold.sort(key=lambda d: d['source'])
    byname = {d['source'][:-4]: d for d in gold}
    for name in VARIANTS:
        text = texts[name]
        for enc in ('gb18030', 'big5', 'utf16le'):
            if enc == 'utf16le':
                data = b'\xff\xfe' + text.encode('utf-16-le')
            else:
                try:
                    data = text.encode(enc)
                except UnicodeEncodeError:
                    continue
            fn = f'{name}.{enc}.txt'
            with open(os.path.join(OUT, fn), 'wb') as f:
                f.write(data)
            gold.append(dict(byname[name], source=fn))
            print(f'  {fn}')
    with open(os.path.join(OUT, 'gold.jsonl'), 'w', encoding='utf-8') as f:
        for d in gold:
            f.write(json.dumps(d, ensure_ascii=False) + '\n')
    print(len(gold), 'gold lines')


if __name__ == '__main__':
    main()
