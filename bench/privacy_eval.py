"""Quick evaluation helper: print misclassified rows of a labelled corpus."""

import json
import sys

from aideon_desktop.core.privacy import scan

path = sys.argv[1]
rows = [json.loads(line) for line in open(path, encoding="utf-8")]
tp = fp = fn = tn = 0
for row in rows:
    verdict = scan(row["prompt"])
    if verdict.sensitive and row["sensitive"]:
        tp += 1
    elif verdict.sensitive:
        fp += 1
        print("FP", row["category"], [(f.detector, row["prompt"][f.start:f.end]) for f in verdict.findings], repr(row["prompt"][:160]))
    elif row["sensitive"]:
        fn += 1
        print("FN", row["category"], repr(row["prompt"][:200]))
    else:
        tn += 1
print(f"tp={tp} fp={fp} fn={fn} tn={tn} precision={tp/max(1,tp+fp):.3f} recall={tp/max(1,tp+fn):.3f}")
