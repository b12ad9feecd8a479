//! Plots and progress bars through the binary: text renderings compared with goldens
//! (`tests/golden/plots/NAME.{w80,w120,color}.out`, `BLESS=1` rewrites them), `savefig`
//! output parsed back (SVG as XML, PNG decoded), `plt.show()` silent off a terminal, JSON
//! figure documents, matplotlib's errors, and tqdm printing nothing into pipes.

use std::path::{Path, PathBuf};

use super::common::tsr;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh empty directory for files a test writes.
fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("tsr-plots-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch dir");
    d
}

fn run_in(dir: &Path, args: &[&str], code: Option<&str>) -> (i32, String, String) {
    let mut c = tsr();
    c.current_dir(dir).env_remove("TSR_PLOT").args(args);
    if let Some(code) = code {
        c.write_stdin(code);
    }
    let out = c.output().expect("run tsr");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every `tests/golden/plots/*.tsr` drawn with `--plots` at 80 and 120 columns without
/// colour, and at 80 with colour, must equal its goldens byte for byte.
#[test]
fn text_plots_match_goldens() {
    let dir = root().join("tests/golden/plots");
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/golden/plots")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsr"))
        .collect();
    scripts.sort();
    assert!(scripts.len() >= 5, "expected the plot scripts, found {}", scripts.len());
    let bless = std::env::var_os("BLESS").is_some() && std::env::var_os("CI").is_none();
    let work = scratch("goldens");
    let mut failures = Vec::new();
    for script in &scripts {
        let stem = script.file_stem().expect("stem").to_string_lossy().into_owned();
        for (variant, width, color) in [("w80", "80", "never"), ("w120", "120", "never"), ("color", "80", "always")] {
            let out = tsr()
                .current_dir(&work)
                .env("COLUMNS", width)
                .env_remove("NO_COLOR")
                .args(["--plots", "--format", "torch", "--color", color])
                .arg(script)
                .output()
                .expect("run tsr");
            let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
            let path = dir.join(format!("{stem}.{variant}.out"));
            if bless {
                std::fs::write(&path, &stdout).expect("write golden");
                continue;
            }
            let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| format!("<no golden {}>", path.display()));
            if stdout != expected || !out.status.success() {
                failures.push(format!(
                    "{stem} ({variant}): exit {:?}\n--- expected\n{expected}\n--- got\n{stdout}\n--- stderr\n{}",
                    out.status.code(),
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
            // Colour only when asked; every line fits the width.
            let has_escape = stdout.contains('\x1b');
            assert_eq!(has_escape, color == "always", "{stem} {variant}: escapes {has_escape}");
            if color == "never" {
                let w: usize = width.parse().expect("width");
                for l in stdout.lines().filter(|l| l.contains('│')) {
                    assert!(l.chars().count() <= w, "{stem} {variant}: line wider than {w}: {l}");
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} plot golden failures:\n{}", failures.len(), failures.join("\n"));
}

/// Lesson 5 with `--plots` draws its two figures (the golden at 100 columns), and writes
/// `loss.png` and `loss.svg` into the working directory.
#[test]
fn lesson_five_draws_its_plots() {
    let work = scratch("lesson5");
    let script = root().join("scripts/05_gradient_descent.tsr");
    let out = tsr()
        .current_dir(&work)
        .env("COLUMNS", "100")
        .args(["--plots", "--format", "torch", "--color", "never"])
        .arg(&script)
        .output()
        .expect("run tsr");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let golden = root().join("tests/golden/lessons/05_gradient_descent.plots.out");
    if std::env::var_os("BLESS").is_some() && std::env::var_os("CI").is_none() {
        std::fs::write(&golden, &stdout).expect("write golden");
    } else {
        let expected = std::fs::read_to_string(&golden).expect("lesson 5 plots golden");
        assert_eq!(stdout, expected, "lesson 5 with --plots differs from its golden");
    }
    assert!(stdout.contains("Gradient descent on y = 2x + 1") && stdout.contains("Linear regression"));
    // Without --plots and off a terminal: exactly PyTorch's printout.
    let plain = tsr().current_dir(&work).args(["--format", "torch"]).arg(&script).output().expect("run tsr");
    let torch_golden = std::fs::read_to_string(root().join("tests/golden/lessons/05_gradient_descent.torch.out")).expect("golden");
    assert_eq!(String::from_utf8_lossy(&plain.stdout), torch_golden);
    check_png(&work.join("loss.png"), (800, 400));
    check_svg(&work.join("loss.svg"), (800, 400), &["Gradient descent on y = 2x + 1", "epoch", "MSE loss", "training loss"]);
}

/// Decodes a PNG: RGB, the expected size, and both dark (axes, text) and coloured
/// (tab:blue data) pixels on a mostly white background.
fn check_png(path: &Path, size: (u32, u32)) -> Vec<u8> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    let dec = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = dec.read_info().expect("png header");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("png frame");
    assert_eq!((info.width, info.height), size);
    assert_eq!(info.color_type, png::ColorType::Rgb);
    let px: Vec<&[u8]> = buf[..info.buffer_size()].chunks(3).collect();
    let white = px.iter().filter(|p| p.iter().all(|&c| c == 255)).count();
    let dark = px.iter().filter(|p| p.iter().all(|&c| c < 60)).count();
    let blue = px.iter().filter(|p| p[2] > 150 && p[0] < 80 && p[1] > 80 && p[1] < 160).count();
    assert!(white * 10 > px.len() * 7, "mostly white background ({white} of {})", px.len());
    assert!(dark * 250 > px.len(), "axes and text drawn ({dark} dark pixels)");
    assert!(blue * 500 > px.len(), "the tab:blue series drawn ({blue} pixels)");
    buf
}

/// Parses an SVG as XML: the size, polylines for the data, and the texts.
fn check_svg(path: &Path, size: (u32, u32), texts: &[&str]) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = roxmltree::Document::parse(&text).expect("well-formed SVG");
    let svg = doc.root_element();
    assert_eq!(svg.tag_name().name(), "svg");
    assert_eq!(svg.attribute("width"), Some(size.0.to_string().as_str()));
    assert_eq!(svg.attribute("height"), Some(size.1.to_string().as_str()));
    let lines = svg.descendants().filter(|n| n.tag_name().name() == "polyline").count();
    assert!(lines >= 5, "data and axes as polylines ({lines})");
    let blue = svg.descendants().filter(|n| n.attribute("stroke").is_some_and(|s| s.eq_ignore_ascii_case("#1f77b4"))).count();
    assert!(blue >= 1, "a tab:blue data line");
    let strings: Vec<String> = svg.descendants().filter(|n| n.tag_name().name() == "text").filter_map(|n| n.text().map(|t| t.trim().to_string())).collect();
    for t in texts {
        assert!(strings.iter().any(|s| s == t), "text '{t}' in the SVG: {strings:?}");
    }
}

#[test]
fn savefig_writes_png_and_svg() {
    let work = scratch("savefig");
    let code = "import matplotlib.pyplot as plt\n\
        plt.figure(figsize=(4, 3), dpi=50)\n\
        plt.plot([0, 1, 2, 3], [0, 1, 4, 9], label='squares')\n\
        plt.scatter([0, 1, 2], [9, 4, 1], color='tab:orange', marker='D', label='down')\n\
        plt.hist([1, 2, 2, 3], bins=3, alpha=0.5)\n\
        plt.title('T'); plt.xlabel('X'); plt.ylabel('Y'); plt.legend(); plt.grid(True, linestyle='--')\n\
        plt.savefig('a.png')\n\
        plt.savefig('b.svg')\n\
        plt.savefig('c')\n\
        plt.savefig('d.png', dpi=100)\n\
        plt.savefig('e.out', format='svg')\n";
    let (rc, out, err) = run_in(&work, &["--format", "torch"], Some(code));
    assert_eq!((rc, out.as_str()), (0, ""), "{err}");
    check_png(&work.join("a.png"), (200, 150));
    check_png(&work.join("c.png"), (200, 150));
    check_png(&work.join("d.png"), (400, 300));
    check_svg(&work.join("b.svg"), (200, 150), &["T", "X", "Y", "squares", "down"]);
    check_svg(&work.join("e.out"), (200, 150), &["T"]);
    // A bare plot followed by savefig writes that plot.
    let (rc, out, err) = run_in(&work, &["--format", "torch"], Some("plot([3, 1, 2])\nsavefig('bare.png')\n"));
    assert_eq!(rc, 0, "{err}");
    assert!(out.contains('┤'), "the bare plot draws at once: {out}");
    check_png(&work.join("bare.png"), (640, 480));
}

#[test]
fn show_is_silent_off_a_terminal() {
    let code = "import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.show()\nprint('after')\n";
    let work = scratch("silent");
    assert_eq!(run_in(&work, &["--format", "torch"], Some(code)), (0, "after\n".into(), String::new()));
    // TSR_PLOT=1 draws; TSR_PLOT=0 silences even the bare calls.
    let out = tsr().current_dir(&work).env("TSR_PLOT", "1").args(["--format", "torch"]).write_stdin(code).output().expect("run");
    assert!(String::from_utf8_lossy(&out.stdout).contains('┤'));
    let out = tsr().current_dir(&work).env("TSR_PLOT", "0").args(["--format", "torch"]).write_stdin("plot([1, 2])\nprint('x')\n").output().expect("run");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "x\n");
}

#[test]
fn json_format_prints_a_figure_document() {
    let code = "import matplotlib.pyplot as plt\nplt.plot([1, 2], [3, 5], 'g--', label='a')\nplt.title('t')\nplt.show()\n";
    let work = scratch("json");
    let (rc, out, err) = run_in(&work, &["--plots", "--format", "json"], Some(code));
    assert_eq!(rc, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).expect("one JSON document");
    assert_eq!(v["type"], "figure");
    assert_eq!(v["axes"][0]["title"], "t");
    let s = &v["axes"][0]["series"][0];
    assert_eq!((s["kind"].as_str(), s["label"].as_str(), s["linestyle"].as_str(), s["color"].as_str()), (Some("line"), Some("a"), Some("--"), Some("#008000")));
    assert_eq!(s["y"], serde_json::json!([3.0, 5.0]));
    assert!(out.starts_with("{\"type\":\"figure\""), "keys in order: {out}");
}

#[test]
fn matplotlib_errors() {
    let cases = [
        ("plt.plot(torch.ones(3, requires_grad=True))", "RuntimeError: Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead."),
        ("plt.plot([1, 2], 'rz')", "ValueError: 'rz' is not a valid format string (unrecognized character 'z')"),
        ("plt.plot([1, 2], [1, 2, 3])", "ValueError: x and y must have same first dimension, but have shapes (2,) and (3,)"),
        ("plt.plot([1, 2], foo=1)", "AttributeError: Line2D.set() got an unexpected keyword argument 'foo'"),
        ("plt.plot([1, 2], zorder=3)", "NotImplementedError: plot(): the keyword 'zorder' is not supported by tsr"),
        ("plt.plot([1, 2], marker='Q')", "ValueError: Unrecognized marker style 'Q'"),
        ("plt.scatter([1, 2], [1, 2, 3])", "ValueError: x and y must be the same size"),
        ("plt.scatter([1, 2], [1, 2], c=[0.1, 0.2])", "NotImplementedError: scatter(): colour-mapped points (c= with values) are not supported by tsr"),
        ("plt.hist([1, 2], bins=0)", "ValueError: `bins` must be positive, when an integer"),
        ("plt.subplot(2, 2, 5)", "ValueError: num must be an integer with 1 <= num <= 4, not 5"),
        ("plt.legend(loc='foo')", "ValueError: 'foo' is not a valid value for loc."),
        ("plt.bar([1], [2])", "NotImplementedError: this matplotlib.pyplot function is not supported by tsr (plot, scatter, hist, subplots and labels are)"),
        ("plt.plot([1]); plt.savefig('nodir/x.png')", "FileNotFoundError: [Errno 2] No such file or directory: 'nodir/x.png'"),
        ("plt.plot([1]); plt.savefig('x.pdf')", "NotImplementedError: savefig(): the 'pdf' format is not supported by tsr (png and svg are)"),
        ("plt.plot([1]); plt.savefig('x.xyz')", "ValueError: Format 'xyz' is not supported (supported formats: avif, eps, gif, jpeg, jpg, pdf, pgf, png, ps, raw, rgba, svg, svgz, tif, tiff, webp)"),
        ("plt.plot([1], color='notacolor')", "ValueError: 'notacolor' is not a valid value for color: supported inputs are (r, g, b) and (r, g, b, a) 0-1 float tuples; '#rrggbb', '#rrggbbaa', '#rgb', '#rgba' strings; named color strings; string reprs of 0-1 floats for grayscale values; 'C0', 'C1', ... strings for colors of the color cycle; and pairs combining one of the above with an alpha value"),
    ];
    let work = scratch("errors");
    for (code, want) in cases {
        let (rc, _, err) = run_in(&work, &["--format", "torch"], Some(&format!("import matplotlib.pyplot as plt\n{code}\n")));
        assert_eq!(rc, 1, "{code}");
        assert_eq!(super::common::last_line(&err), want, "{code}");
    }
}

#[test]
fn pyplot_return_values_and_objects() {
    let code = "import matplotlib.pyplot as plt\n\
        from matplotlib import pyplot\n\
        print(pyplot is not None)\n\
        print(plt.title('Loss'))\n\
        print(plt.xlabel('epoch'), plt.ylabel('y'))\n\
        print(plt.gca())\n\
        print(plt.xlim(0, 5), plt.ylim())\n\
        print(plt.figure(figsize=(8, 4)))\n\
        fig, axes = plt.subplots(2, 2)\n\
        print(axes.shape, len(axes.flat), axes[1, 0])\n\
        for row in axes:\n    print(len(list(row)))\n\
        lines = plt.plot([1, 2], [3, 4], 'r', [5, 6], [7, 8])\n\
        print(len(lines))\n\
        n, bins, patches = plt.hist(torch.tensor([1., 2, 2, 3, 3, 3, 10]), bins=4)\n\
        print(n, bins, patches)\n";
    let work = scratch("objects");
    let (rc, out, err) = run_in(&work, &["--format", "torch"], Some(code));
    assert_eq!(rc, 0, "{err}");
    let expected = "True\n\
        Text(0.5, 1.0, 'Loss')\n\
        Text(0.5, 0, 'epoch') Text(0, 0.5, 'y')\n\
        <Axes: title={'center': 'Loss'}, xlabel='epoch', ylabel='y'>\n\
        (0.0, 5.0) (0.0, 1.0)\n\
        <Figure size 800x400 with 0 Axes>\n\
        (2, 2) 4 <Axes: >\n2\n2\n\
        2\n\
        tensor([6., 0., 0., 1.], dtype=torch.float64) tensor([ 1.0000,  3.2500,  5.5000,  7.7500, 10.0000], dtype=torch.float64) <BarContainer object of 4 artists>\n";
    assert_eq!(out, expected);
}

/// tqdm draws on stderr only when it is a terminal: in pipes it adds nothing to either
/// stream, while the loop and the object behave as in Python.
#[test]
fn tqdm_is_silent_in_pipes() {
    let code = "from tqdm import tqdm, trange\n\
        import tqdm as tq\n\
        from tqdm.auto import tqdm as atqdm\n\
        total = 0\n\
        for i in tqdm(range(5), desc='sum'):\n    total += i\n\
        for j in trange(2, 8, 2):\n    total += j\n\
        for k in tq.tqdm([1, 2]):\n    total += k\n\
        for t in atqdm(torch.arange(3)):\n    total += int(t)\n\
        print(total)\n\
        with tqdm(total=10, leave=False) as bar:\n    bar.update(4)\n    bar.update()\n    bar.set_postfix(loss=0.123456, step=5)\n    bar.set_description('phase')\n    print(bar.n, bar.total, bar.desc)\n\
        p = tqdm(trange(3))\n\
        print(len(p))\n\
        for i in tqdm(range(100)):\n    if i == 3:\n        break\n\
        print('done', i)\n\
        for e in trange(2):\n    print('epoch', e)\n";
    let work = scratch("tqdm");
    let (rc, out, err) = run_in(&work, &["--format", "torch"], Some(code));
    assert_eq!((rc, err.as_str()), (0, ""), "stderr must stay empty");
    assert_eq!(out, "28\n5 10 phase\n3\ndone 3\nepoch 0\nepoch 1\n");
    // The bare names work without an import.
    let (rc, out, err) = run_in(&work, &["--format", "torch"], Some("s = 0\nfor i in tqdm(range(3)):\n    s += i\nfor i in trange(2):\n    s += i\nprint(s)\n"));
    assert_eq!((rc, out.as_str(), err.as_str()), (0, "4\n", ""));
}
