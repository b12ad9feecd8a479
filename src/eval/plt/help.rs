//! Help entries for the plotting functions (bare names and `plt.*`), each with an example
//! that `tests::help_examples_run` executes.

use crate::help::HelpEntry;

/// Help entries for the plotting functions.
pub static HELP: &[HelpEntry] = &[
    HelpEntry {
        name: "plot",
        signature: "plot([x,] y, [fmt], *, label=None, color=None, title=None, xlabel=None, ylabel=None, ...) -> None",
        summary: "Draws a line plot in the terminal right away (braille dots, axes with ticks); `savefig` then writes it to a file. x and y are tensors, lists or ranges; a 2-D y gives one line per column.",
        example: "x = torch.linspace(0, 6.28, 100)\nplot(x, torch.sin(x), 'r-', label='sin', title='sine')",
    },
    HelpEntry {
        name: "scatter",
        signature: "scatter(x, y, s=None, c=None, marker='o', *, label=None, alpha=None, title=None, ...) -> None",
        summary: "Draws a scatter plot in the terminal right away, each point a marker glyph.",
        example: "x = torch.randn(50)\nscatter(x, 2 * x + 0.3 * torch.randn(50), title='y = 2x + noise')",
    },
    HelpEntry {
        name: "hist",
        signature: "hist(x, bins=10, range=None, density=False, *, label=None, color=None, title=None, ...) -> None",
        summary: "Draws a histogram in the terminal right away (numpy's binning: equal-width bins over the data's range, or the given edges).",
        example: "hist(torch.randn(1000), bins=20, title='normal samples')",
    },
    HelpEntry {
        name: "savefig",
        signature: "savefig(fname, dpi=None, format=None, facecolor=None) -> None",
        summary: "Writes the current figure (or the last one drawn) as PNG or SVG; the format comes from the extension or format=. Text uses an embedded DejaVu Sans font.",
        example: "plot([1, 4, 9, 16])\nsavefig('/tmp/squares.png')",
    },
    HelpEntry {
        name: "plt.plot",
        signature: "plt.plot(*args, scalex=True, scaley=True, data=None, **kwargs) -> list[Line2D]",
        summary: "Adds lines to the current axes: plot(y), plot(x, y), plot(x, y, fmt) and several x, y, fmt groups; fmt strings like 'r--', 'o', 'g^-'; label=, color=, linestyle=, linewidth=, marker=, markersize=, alpha=.",
        example: "import matplotlib.pyplot as plt\nplt.plot([1, 2, 3], [1, 4, 9], 'o--', label='squares')\nplt.legend()\nplt.show()",
    },
    HelpEntry {
        name: "plt.scatter",
        signature: "plt.scatter(x, y, s=None, c=None, marker=None, alpha=None, *, label=None, color=None) -> PathCollection",
        summary: "Adds points to the current axes (one colour; colour-mapped c= values are not supported).",
        example: "import matplotlib.pyplot as plt\nplt.scatter([1, 2, 3], [3, 1, 2], color='red', marker='x')\nplt.show()",
    },
    HelpEntry {
        name: "plt.hist",
        signature: "plt.hist(x, bins=10, range=None, density=False, weights=None, *, color=None, label=None, alpha=None, edgecolor=None) -> (n, bins, patches)",
        summary: "Adds a histogram to the current axes and returns the counts and bin edges as float64 tensors (numpy arrays in matplotlib) and the bar container.",
        example: "import matplotlib.pyplot as plt\nn, bins, _ = plt.hist(torch.randn(500), bins=5)\nprint(n.sum())",
    },
    HelpEntry {
        name: "plt.figure",
        signature: "plt.figure(num=None, figsize=None, dpi=None) -> Figure",
        summary: "Starts a new figure (or activates figure num) and makes it current; figsize=(w, h) in inches sets the image size and the text plot's aspect.",
        example: "import matplotlib.pyplot as plt\nfig = plt.figure(figsize=(8, 4))\nprint(fig)",
    },
    HelpEntry {
        name: "plt.subplot",
        signature: "plt.subplot(nrows, ncols, index) | plt.subplot(pos) -> Axes",
        summary: "Makes the subplot at index (1-based) of an nrows x ncols grid current, creating it; the terminal lays subplots out side by side.",
        example: "import matplotlib.pyplot as plt\nplt.subplot(1, 2, 1)\nplt.plot([1, 2, 3])\nplt.subplot(1, 2, 2)\nplt.plot([3, 2, 1])\nplt.show()",
    },
    HelpEntry {
        name: "plt.subplots",
        signature: "plt.subplots(nrows=1, ncols=1, *, squeeze=True, figsize=None, dpi=None) -> (Figure, Axes | array of Axes)",
        summary: "A new figure with a grid of axes; the axes have plot, scatter, hist, set_title, set_xlabel, set_ylabel, set_xlim, set_ylim, legend and grid.",
        example: "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.plot([1, 2, 3])\nax.set_title('line')\nplt.show()",
    },
    HelpEntry {
        name: "plt.xlabel",
        signature: "plt.xlabel(label, fontsize=None) -> Text",
        summary: "Sets the x-axis label of the current axes.",
        example: "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.xlabel('epoch')\nplt.show()",
    },
    HelpEntry {
        name: "plt.ylabel",
        signature: "plt.ylabel(label, fontsize=None) -> Text",
        summary: "Sets the y-axis label of the current axes (in the terminal it is written above the axis).",
        example: "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.ylabel('loss')\nplt.show()",
    },
    HelpEntry {
        name: "plt.title",
        signature: "plt.title(label, fontsize=None) -> Text",
        summary: "Sets the title of the current axes.",
        example: "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.title('Training loss')\nplt.show()",
    },
    HelpEntry {
        name: "plt.legend",
        signature: "plt.legend([labels], loc='best') -> Legend",
        summary: "Shows a legend of the labelled series (labels starting with '_' are left out); loc='best' picks the emptiest corner.",
        example: "import matplotlib.pyplot as plt\nplt.plot([1, 2], label='a')\nplt.plot([2, 1], label='b')\nplt.legend(loc='upper center')\nplt.show()",
    },
    HelpEntry {
        name: "plt.grid",
        signature: "plt.grid(visible=None, *, alpha=None, color=None, linestyle=None, linewidth=None) -> None",
        summary: "Turns grid lines at the ticks on or off (dim dots in the terminal; the style applies to saved images).",
        example: "import matplotlib.pyplot as plt\nplt.plot([1, 3, 2])\nplt.grid(True, alpha=0.3)\nplt.show()",
    },
    HelpEntry {
        name: "plt.xlim",
        signature: "plt.xlim([left, right]) -> (left, right)",
        summary: "Gets or sets the x limits of the current axes (plt.ylim likewise for y).",
        example: "import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nprint(plt.xlim(0, 5))",
    },
    HelpEntry {
        name: "plt.ylim",
        signature: "plt.ylim([bottom, top]) -> (bottom, top)",
        summary: "Gets or sets the y limits of the current axes.",
        example: "import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nprint(plt.ylim(0, 4))",
    },
    HelpEntry {
        name: "plt.tight_layout",
        signature: "plt.tight_layout() -> None",
        summary: "Accepted for compatibility: tsr's layout already gives labels the room they need.",
        example: "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.tight_layout()\nplt.show()",
    },
    HelpEntry {
        name: "plt.savefig",
        signature: "plt.savefig(fname, dpi=None, format=None, facecolor=None, bbox_inches=None) -> None",
        summary: "Writes the current figure as PNG or SVG (plotters, embedded font); after show() it writes the figure just shown, where matplotlib would write an empty one.",
        example: "import matplotlib.pyplot as plt\nplt.plot([1, 4, 9])\nplt.savefig('help_plot.svg')\nprint('saved help_plot.svg')",
    },
    HelpEntry {
        name: "plt.show",
        signature: "plt.show(block=None) -> None",
        summary: "Draws the open figures as text when stdout is a terminal (or with --plots / TSR_PLOT=1) and closes them; prints nothing otherwise, as matplotlib does in a script.",
        example: "import matplotlib.pyplot as plt\nplt.plot([3, 1, 2])\nplt.show()",
    },
    HelpEntry {
        name: "plt.close",
        signature: "plt.close(fig=None) -> None",
        summary: "Closes the current figure, a given figure or number, or 'all'.",
        example: "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.close('all')\nplt.plot([2, 1], label='only this one')\nplt.legend()\nplt.show()",
    },
    HelpEntry {
        name: "plt.suptitle",
        signature: "plt.suptitle(t, fontsize=None) -> Text",
        summary: "Sets a title over all subplots of the current figure.",
        example: "import matplotlib.pyplot as plt\nplt.subplot(1, 2, 1)\nplt.plot([1, 2])\nplt.suptitle('two panels')\nplt.show()",
    },
    HelpEntry {
        name: "plt.gca",
        signature: "plt.gca() -> Axes",
        summary: "The current axes (created if needed).",
        example: "import matplotlib.pyplot as plt\nax = plt.gca()\nax.plot([1, 2])\nprint(ax.get_xlim())",
    },
    HelpEntry {
        name: "plt.gcf",
        signature: "plt.gcf() -> Figure",
        summary: "The current figure (created if needed).",
        example: "import matplotlib.pyplot as plt\nprint(plt.gcf())",
    },
    HelpEntry {
        name: "plt.clf",
        signature: "plt.clf() -> None",
        summary: "Clears the current figure.",
        example: "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.clf()\nplt.plot([2, 1], label='after clf')\nplt.legend()\nplt.show()",
    },
    HelpEntry {
        name: "plt.cla",
        signature: "plt.cla() -> None",
        summary: "Clears the current axes.",
        example: "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.cla()\nplt.plot([2, 1], label='after cla')\nplt.legend()\nplt.show()",
    },
];
