import json, re, os
D=os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
t=json.load(open('/tmp/tsr-bad-input/tsr.json')); p=json.load(open('/tmp/tsr-bad-input/pyref.json'))
def parse(last):
    m = re.match(r'^(?:tsr: )?([A-Za-z_][\w.]*)(?:: (.*))?$', last)
    return (m.group(1), m.group(2) or '') if m else (None, None)
div=0
for n,r in sorted(t.items()):
    assert r['rc'] not in ('TIMEOUT',101,70) and r['rc']>=0 and not r['panic'], n
    ty,msg = parse(r['last']) if r['last'] else (None,None)
    if r['rc']!=0: assert ty, (n, r)
    lines=[f"exit: {r['rc']}", f"error: {ty or 'none'}"]
    py=p.get(n)
    if py is not None:
        pl = 'none' if py['type'] is None else (py['type'] + (': ' + py['msg'] if py['msg'] else ''))
        if py['type']==ty and (ty is None or (py['msg'] or '')==msg):
            if ty: lines.append(f"message: {r['last']}")
        else:
            lines.append(f"torch: {pl}")
            if py['type']!=ty: div+=1
    open(os.path.join(D,n+'.expect'),'w').write('\n'.join(lines)+'\n')
print('type divergences', div)
