//! Gathering, scattering, masking and triangular parts (topic: indexing).

use crate::help::{e, HelpEntry};

pub static HELP: &[HelpEntry] = &[
    e(
        "torch.gather",
        "torch.gather(input, dim, index) -> Tensor",
        "out[i][j] = input[index[i][j]][j] (dim=0) / input[i][index[i][j]] (dim=1): picks values along dim at the given indices.",
        "x = torch.tensor([[1, 2], [3, 4]])\nidx = torch.tensor([[0, 0], [1, 0]])\nprint(torch.gather(x, 1, idx))",
    ),
    e(
        "torch.index_select",
        "torch.index_select(input, dim, index) -> Tensor",
        "The slices of input along dim at the given indices.",
        "x = torch.arange(6).reshape(2, 3)\nprint(torch.index_select(x, 1, torch.tensor([0, 2])))",
    ),
    e(
        "torch.scatter",
        "torch.scatter(input, dim, index, src) -> Tensor",
        "A copy of input with src's values written at the positions index gives along dim (the reverse of gather).",
        "x = torch.zeros(3, 3)\nidx = torch.tensor([[0, 1, 2]])\nsrc = torch.tensor([[1.0, 2.0, 3.0]])\nprint(torch.scatter(x, 0, idx, src))",
    ),
    e(
        "torch.scatter_add",
        "torch.scatter_add(input, dim, index, src) -> Tensor",
        "A copy of input with src's values added at the positions index gives along dim.",
        "x = torch.zeros(3)\nidx = torch.tensor([0, 1, 0])\nsrc = torch.tensor([1.0, 2.0, 3.0])\nprint(torch.scatter_add(x, 0, idx, src))",
    ),
    e(
        "torch.index_add",
        "torch.index_add(input, dim, index, source, *, alpha=1) -> Tensor",
        "A copy of input with alpha * source's slices added at the given indices along dim.",
        "x = torch.zeros(3)\nidx = torch.tensor([0, 2, 0])\nsrc = torch.tensor([1.0, 2.0, 3.0])\nprint(torch.index_add(x, 0, idx, src))",
    ),
    e(
        "torch.masked_fill",
        "torch.masked_fill(input, mask, value) -> Tensor",
        "A copy of input with value where mask is True.",
        "x = torch.tensor([-1.5, 0.0, 2.5])\nprint(torch.masked_fill(x, x < 0, 0.0))",
    ),
    e(
        "torch.masked_select",
        "torch.masked_select(input, mask) -> Tensor",
        "The elements where the boolean mask is True, as a 1-D tensor.",
        "x = torch.tensor([-1.5, 0.0, 2.5])\nprint(torch.masked_select(x, x > -1))",
    ),
    e(
        "torch.take",
        "torch.take(input, index) -> Tensor",
        "The elements at the given indices of the flattened input.",
        "x = torch.arange(6).reshape(2, 3)\nprint(torch.take(x, torch.tensor([0, 4])))",
    ),
    e(
        "torch.nonzero",
        "torch.nonzero(input, *, as_tuple=False) -> LongTensor or tuple of LongTensors",
        "The indices of the nonzero elements, one row per element (as_tuple=True: one index tensor per dimension).",
        "x = torch.tensor([[0, 1], [2, 0]])\nprint(torch.nonzero(x))",
    ),
    e(
        "torch.argwhere",
        "torch.argwhere(input) -> Tensor",
        "The indices of the nonzero elements, one row per element.",
        "x = torch.tensor([[0, 1], [2, 0]])\nprint(torch.argwhere(x))",
    ),
    e(
        "torch.tril",
        "torch.tril(input, diagonal=0) -> Tensor",
        "Returns the lower triangular part of the matrix (2-D tensor) or batch of matrices input, the other elements of the result tensor out are set to 0.",
        "x = torch.ones(3, 3)\nprint(torch.tril(x))",
    ),
    e(
        "torch.triu",
        "torch.triu(input, diagonal=0) -> Tensor",
        "The upper triangle of a matrix (or batch of matrices); elements below the given diagonal are set to 0.",
        "x = torch.ones(3, 3)\nprint(torch.triu(x, diagonal=1))",
    ),
    e(
        "torch.diag",
        "torch.diag(input, diagonal=0) -> Tensor",
        "A vector becomes a diagonal matrix; a matrix gives its diagonal (offset by diagonal).",
        "print(torch.diag(torch.tensor([1, 2, 3])))\nprint(torch.diag(torch.arange(9).reshape(3, 3)))",
    ),
    e(
        "torch.diagflat",
        "torch.diagflat(input, offset=0) -> Tensor",
        "A 2-D matrix with the flattened input on its diagonal (offset by offset).",
        "print(torch.diagflat(torch.tensor([1, 2])))",
    ),
    e(
        "torch.trace",
        "torch.trace(input) -> Tensor",
        "The sum of the diagonal of a matrix.",
        "x = torch.arange(9.0).reshape(3, 3)\nprint(torch.trace(x))",
    ),
];
