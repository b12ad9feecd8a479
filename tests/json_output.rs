//! `--format json`: a golden file of JSON lines (`tests/data/json/values.jsonl`,
//! rewritten with `TSR_BLESS=1`), and checks that every emitted line is one valid JSON
//! document with the documented shape.

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::{Value, json};

const SCRIPT: &str = r#"
x = torch.tensor([[1., 2.], [3., 4.]])
print(x)
print("hello")
print("loss", 0.25, x.sum())
print()
x.max(dim=0)
torch.tensor([1., float('nan'), float('inf'), -float('inf')])
torch.tensor(True)
torch.zeros(2, 0)
torch.tensor([1, -2], dtype=torch.int64)
a = torch.tensor([1., 2.], requires_grad=True)
a * 3
a.shape
[1, 2.5, None, True, "s"]
{"k": torch.tensor(1.5), "n": 3}
(torch.ones(1), 7)
float('nan')
"#;

fn run() -> String {
    let out = Command::cargo_bin("tsr")
        .expect("tsr binary")
        .env_remove("TSR_FORMAT")
        .args(["--format", "json", "--echo"])
        .write_stdin(SCRIPT)
        .output()
        .expect("run tsr");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn json_golden() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/json/values.jsonl");
    let got = run();
    assert!(!got.contains('\x1b'));
    if std::env::var_os("TSR_BLESS").is_some() && std::env::var_os("CI").is_none() {
        std::fs::write(&path, &got).expect("write golden");
        return;
    }
    let want = std::fs::read_to_string(&path).expect("golden file");
    assert_eq!(got, want);
}

#[test]
fn every_line_parses() {
    let got = run();
    let docs: Vec<Value> = got
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("invalid JSON line {l:?}: {e}")))
        .collect();
    assert_eq!(docs.len(), 15);
    assert_eq!(
        docs[0],
        json!({"type":"tensor","shape":[2,2],"dtype":"float32","device":"cpu","requires_grad":false,
               "grad_fn":null,"data":[[1.0,2.0],[3.0,4.0]]})
    );
    assert_eq!(docs[1], json!({"type":"str","value":"hello"}));
    assert_eq!(docs[2][0], json!({"type":"str","value":"loss"}));
    assert_eq!(docs[2][1], json!(0.25));
    assert_eq!(docs[2][2]["data"], json!(10.0));
    assert_eq!(docs[3], json!({"type":"str","value":""}));
    assert_eq!(docs[4]["type"], "torch.return_types.max");
    assert_eq!(docs[4]["values"]["data"], json!([3.0, 4.0]));
    assert_eq!(docs[4]["indices"]["dtype"], "int64");
    assert_eq!(docs[5]["data"], json!([1.0, "nan", "inf", "-inf"]));
    assert_eq!(docs[6]["data"], json!(true));
    assert_eq!(docs[7]["data"], json!([[], []]));
    assert_eq!(docs[8]["data"], json!([1, -2]));
    assert_eq!(docs[9]["grad_fn"], "MulBackward0");
    assert_eq!(docs[9]["requires_grad"], json!(true));
    assert_eq!(docs[10], json!([2]));
    assert_eq!(docs[11], json!([1, 2.5, null, true, "s"]));
    assert_eq!(docs[12]["k"]["data"], json!(1.5));
    assert_eq!(docs[12]["n"], json!(3));
    assert_eq!(docs[13][1], json!(7));
    assert_eq!(docs[14], json!("nan"));
    // Keys come in the documented order.
    assert!(got.lines().next().is_some_and(|l| l.starts_with(r#"{"type":"tensor","shape":[2,2],"dtype""#)));
}
