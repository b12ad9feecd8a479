//! The REPL's own commands (topic: REPL). Their examples are REPL input: the help example
//! test runs them through a REPL session.

use crate::help::{e, HelpEntry};

pub static HELP: &[HelpEntry] = &[
    e(
        ":help",
        ":help [NAME | TOPIC]   ?NAME",
        "Shows the help entry for a function, method or module (matmul, x.sum, F.relu, nn.Linear), the entries of a topic, or with no argument the list of topics. ?NAME is the same; help(obj) works in scripts.",
        ":help matmul\n?x.sum\n:help shapes",
    ),
    e(
        ":vars",
        ":vars",
        "A table of the session's variables: name, type, shape, dtype, device, requires_grad and bytes.",
        "x = torch.zeros(2, 3)\nw = torch.ones(3, requires_grad=True)\nn = 10\n:vars",
    ),
    e(
        ":whos",
        ":whos",
        "Same as :vars.",
        "x = torch.eye(2)\n:whos",
    ),
    e(
        ":reset",
        ":reset",
        "Deletes every variable of the session (torch stays imported) and forgets the input :save would write.",
        "x = torch.ones(2)\n:reset\n:vars",
    ),
    e(
        ":load",
        ":load FILE",
        "Runs a script file in the session, so its variables and functions become available.",
        "x = torch.arange(3)\n:save part.tsr\n:reset\n:load part.tsr\nprint(x)",
    ),
    e(
        ":save",
        ":save FILE",
        "Writes the input of the session that ran without error as a runnable .tsr script (written to a temporary file, then renamed into place).",
        "x = torch.ones(2)\ny = x * 2\n:save work.tsr",
    ),
    e(
        ":format",
        ":format [torch | table | json]",
        "Sets how values print: torch (exactly as PyTorch), table (grids) or json (one document a line). With no argument, shows the current format.",
        ":format torch\ntorch.eye(2)\n:format json\ntorch.eye(2)\n:format table",
    ),
    e(
        ":time",
        ":time STATEMENT",
        "Runs the statement once and prints its value (if an expression) and the wall-clock time.",
        ":time torch.randn(100, 100) @ torch.randn(100, 100)",
    ),
    e(
        ":timeit",
        ":timeit STATEMENT",
        "Runs the statement repeatedly — the loop count chosen so a run takes a measurable time — and prints the median time per loop and the spread over the runs. Ctrl-C stops it.",
        "x = torch.randn(64, 64)\n:timeit x @ x",
    ),
    e(
        ":graph",
        ":graph EXPR [--dot FILE]",
        "Shows the autograd graph that produced a tensor as an indented tree of grad_fn nodes with their shapes; --dot FILE writes it in Graphviz format instead.",
        "x = torch.ones(2, 3, requires_grad=True)\nw = torch.ones(3, requires_grad=True)\ny = (x * w).sum()\n:graph y\n:graph y --dot graph.dot",
    ),
    e(
        ":keys",
        ":keys",
        "Lists the editing keys: Tab completion, Ctrl-R history search, multi-line editing, paste.",
        ":keys",
    ),
    e(
        ":quit",
        ":quit   (also :q, :exit, Ctrl-D)",
        "Leaves the REPL.",
        ":quit",
    ),
];
