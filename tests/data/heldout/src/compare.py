#!/usr/bin/env python3
"""List every quantity that is not an exact match, with context: python3 src/compare.py PRED.jsonl"""
import json,sys,os
from decimal import Decimal
HERE=os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
G={};P={}
for l in open(os.path.join(HERE,'gold.jsonl'),encoding='utf-8'): d=json.loads(l); G[os.path.basename(d['source'])]=d
for l in open(sys.argv[1] if len(sys.argv)>1 else '/tmp/heldout.jsonl'): d=json.loads(l); P[os.path.basename(d['source'])]=d
def dec(x): return None if x is None else Decimal(str(x)).normalize()
def same(g,p):
    if g['unit']!=p.get('unit'): return False
    if g.get('value') is not None: return dec(g['value'])==dec(p.get('value'))
    return dec(g.get('low'))==dec(p.get('low')) and dec(g.get('high'))==dec(p.get('high'))
def ov(a,b): return a['start']<b['end'] and b['start']<a['end']
def fmt(q): 
    v=q.get('value') if q.get('value') is not None else f"{q.get('low')}~{q.get('high')}"
    return f"{q['text']!r} {v} {q.get('unit')} {q.get('qualifier')} @{q['start']}"
base=sorted(k for k in G if k.count('.')==1)
for k in sorted(G):
    p=P[k]
    if k.count('.')>1:
        b=k.split('.')[0]+'.txt'
        same_out = [ {x:q[x] for x in q} for q in p['quantities']]==P[b]['quantities']
        print(k, 'encoding=',p.get('encoding'), 'identical to utf8 output' if same_out else 'DIFFERS')
        continue
    txt=open(os.path.join(HERE,k),'rb').read().decode('utf-8')
    b=txt.encode()
    ctx=lambda q: b[max(0,q['start']-36):q['end']+24].decode('utf-8','replace').replace('\n','⏎').replace('\r','')
    print('=====',k, 'encoding=',p.get('encoding'))
    gq=G[k]['quantities']; pq=p['quantities']
    used=set()
    for g in gq:
        m=[i for i,q in enumerate(pq) if ov(g,q) and i not in used]
        ex=[i for i in m if same(g,pq[i]) and pq[i]['start']==g['start'] and pq[i]['end']==g['end'] and pq[i]['qualifier']==g['qualifier']]
        if ex: used.add(ex[0]); continue
        if m:
            used.add(m[0]); q=pq[m[0]]
            print('  WRONG  gold',fmt(g),'| pred',fmt(q),'|',ctx(g))
        else:
            print('  MISS   gold',fmt(g),'|',ctx(g))
    for i,q in enumerate(pq):
        if i not in used: print('  SPUR   pred',fmt(q),'|',ctx(q))
