import sys
def mn(items): return "\n      + ".join(f"(CASE WHEN {c} THEN {w} ELSE 0 END)" for c,w in items)
def mx(items): return "\n      + ".join(f"(CASE WHEN NOT {c} THEN 0 ELSE {w} END)" for c,w in items)
def block(name, items, ja, en, kind):
    fn = mn if kind=="min" else mx
    return f"""  - id: {name}
    expr: >-
      {fn(items)}
    text:
      ja: {ja}
      en: {en}
"""
def sums(pos_special, pos_other, neg_special, neg_other):
    P=[(c,"weight_positive_special") for c in pos_special]+[(c,"weight_positive_other") for c in pos_other]
    N=[(c,"weight_negative_special") for c in neg_special]+[(c,"weight_negative_other") for c in neg_other]
    out = block("positive_min",P,"積極要素の重みの合計（不明な要素は0として数える）","Weight of the positive factors, counting an unknown factor as absent","min")
    out += block("positive_max",P,"積極要素の重みの合計（不明な要素は該当として数える）","Weight of the positive factors, counting an unknown factor as present","max")
    out += block("negative_min",N,"消極要素の重みの合計（不明な要素は0として数える）","Weight of the negative factors, counting an unknown factor as absent","min")
    out += block("negative_max",N,"消極要素の重みの合計（不明な要素は該当として数える）","Weight of the negative factors, counting an unknown factor as present","max")
    return out
