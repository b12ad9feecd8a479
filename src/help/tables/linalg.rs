//! Matrix products and linear algebra: torch.* and torch.linalg.* (topic: math).

use crate::help::{e, HelpEntry};

pub static HELP: &[HelpEntry] = &[
    e(
        "torch.matmul",
        "torch.matmul(input, other) -> Tensor",
        "The matrix product of two tensors: dot product for vectors, matrix product for matrices, batched and broadcast for more dimensions (the @ operator).",
        "a = torch.ones(2, 3)\nb = torch.ones(3, 4)\nprint(torch.matmul(a, b))\nprint((a @ b).shape)",
    ),
    e(
        "torch.mm",
        "torch.mm(input, mat2) -> Tensor",
        "The product of two matrices (2-D only; torch.matmul broadcasts).",
        "a = torch.ones(2, 3)\nb = torch.ones(3, 2)\nprint(torch.mm(a, b))",
    ),
    e(
        "torch.bmm",
        "torch.bmm(input, mat2) -> Tensor",
        "Batched matrix product of (b × n × m) and (b × m × p) tensors.",
        "a = torch.ones(5, 2, 3)\nb = torch.ones(5, 3, 4)\nprint(torch.bmm(a, b).shape)",
    ),
    e(
        "torch.mv",
        "torch.mv(input, vec) -> Tensor",
        "The product of a matrix and a vector.",
        "A = torch.tensor([[2.0, 1.0], [1.0, 3.0]])\nv = torch.tensor([1.0, 1.0])\nprint(torch.mv(A, v))",
    ),
    e(
        "torch.addmm",
        "torch.addmm(input, mat1, mat2, *, beta=1, alpha=1) -> Tensor",
        "beta * input + alpha * (mat1 @ mat2).",
        "c = torch.ones(2, 2)\na = torch.eye(2)\nb = torch.full((2, 2), 3.0)\nprint(torch.addmm(c, a, b, beta=1.0, alpha=2.0))",
    ),
    e(
        "torch.dot",
        "torch.dot(input, tensor) -> Tensor",
        "The dot product of two 1-D tensors.",
        "a = torch.tensor([1.0, 2.0, 3.0])\nb = torch.tensor([4.0, 5.0, 6.0])\nprint(torch.dot(a, b))",
    ),
    e(
        "torch.vdot",
        "torch.vdot(input, other) -> Tensor",
        "The dot product of two 1-D tensors (conjugating the first if complex).",
        "a = torch.tensor([1.0, 2.0, 3.0])\nb = torch.tensor([4.0, 5.0, 6.0])\nprint(torch.vdot(a, b))",
    ),
    e(
        "torch.inner",
        "torch.inner(input, other) -> Tensor",
        "The inner product: a dot product for 1-D tensors, over the last dimension otherwise.",
        "a = torch.tensor([1.0, 2.0, 3.0])\nb = torch.tensor([4.0, 5.0, 6.0])\nprint(torch.inner(a, b))",
    ),
    e(
        "torch.outer",
        "torch.outer(input, vec2) -> Tensor",
        "The outer product of two vectors: out[i, j] = input[i] * vec2[j].",
        "a = torch.tensor([1.0, 2.0])\nb = torch.tensor([1.0, 10.0, 100.0])\nprint(torch.outer(a, b))",
    ),
    e(
        "torch.ger",
        "torch.ger(input, vec2) -> Tensor",
        "Alias for torch.outer.",
        "a = torch.tensor([1.0, 2.0])\nb = torch.tensor([1.0, 10.0])\nprint(torch.ger(a, b))",
    ),
    e(
        "torch.kron",
        "torch.kron(input, other) -> Tensor",
        "The Kronecker product of input and other.",
        "a = torch.eye(2)\nb = torch.tensor([[1.0, 2.0], [3.0, 4.0]])\nprint(torch.kron(a, b))",
    ),
    e(
        "torch.cross",
        "torch.cross(input, other, dim=None) -> Tensor",
        "The cross product of 3-element vectors along dim (the first dimension of size 3 if dim is None).",
        "a = torch.tensor([1.0, 0.0, 0.0])\nb = torch.tensor([0.0, 1.0, 0.0])\nprint(torch.cross(a, b, dim=0))",
    ),
    e(
        "torch.inverse",
        "torch.inverse(input) -> Tensor",
        "The inverse of a square matrix (alias for torch.linalg.inv).",
        "A = torch.tensor([[2.0, 1.0], [1.0, 3.0]])\nprint(torch.inverse(A))",
    ),
    e(
        "torch.det",
        "torch.det(input) -> Tensor",
        "The determinant of a square matrix (alias for torch.linalg.det).",
        "A = torch.tensor([[2.0, 1.0], [1.0, 3.0]])\nprint(torch.det(A))",
    ),
    e(
        "torch.slogdet",
        "torch.slogdet(input) -> (Tensor, Tensor)",
        "The sign and the log of the absolute value of the determinant (alias for torch.linalg.slogdet).",
        "A = torch.tensor([[2.0, 1.0], [1.0, 3.0]])\nprint(torch.slogdet(A))",
    ),
    e(
        "torch.einsum",
        "torch.einsum(equation, *operands) -> Tensor",
        "Sums products of operand elements over the indices of an Einstein-notation equation ('ij,jk->ik' is a matrix product).",
        "a = torch.ones(2, 3)\nb = torch.ones(3, 4)\nprint(torch.einsum('ij,jk->ik', a, b))\nprint(torch.einsum('ii', torch.eye(3)))",
    ),
];

pub static LINALG_HELP: &[HelpEntry] = &[
    e(
        "torch.linalg.inv",
        "torch.linalg.inv(A) -> Tensor",
        "Computes the inverse of a square matrix if it exists.",
        "A = torch.tensor([[2.0, 1.0], [1.0, 3.0]])\nprint(torch.linalg.inv(A))",
    ),
    e(
        "torch.linalg.det",
        "torch.linalg.det(A) -> Tensor",
        "Computes the determinant of a square matrix.",
        "A = torch.tensor([[2.0, 1.0], [1.0, 3.0]])\nprint(torch.linalg.det(A))",
    ),
    e(
        "torch.linalg.slogdet",
        "torch.linalg.slogdet(A) -> (sign, logabsdet)",
        "Computes the sign and natural logarithm of the absolute value of the determinant of a square matrix.",
        "A = torch.tensor([[2.0, 1.0], [1.0, 3.0]])\nprint(torch.linalg.slogdet(A))",
    ),
    e(
        "torch.linalg.solve",
        "torch.linalg.solve(A, B, *, left=True) -> Tensor",
        "Computes the solution of a square system of linear equations with a unique solution.",
        "A = torch.tensor([[2.0, 1.0], [1.0, 3.0]])\nb = torch.tensor([3.0, 5.0])\nprint(torch.linalg.solve(A, b))",
    ),
    e(
        "torch.linalg.cross",
        "torch.linalg.cross(input, other, *, dim=-1) -> Tensor",
        "Computes the cross product of two 3-dimensional vectors.",
        "a = torch.tensor([1.0, 0.0, 0.0])\nb = torch.tensor([0.0, 1.0, 0.0])\nprint(torch.linalg.cross(a, b))",
    ),
    e(
        "torch.linalg.norm",
        "torch.linalg.norm(input, ord=None, dim=None, keepdim=False, *, dtype=None) -> Tensor",
        "Computes a vector or matrix norm.",
        "A = torch.tensor([[2.0, 1.0], [1.0, 3.0]])\nprint(torch.linalg.norm(A))\nprint(torch.linalg.norm(torch.tensor([3.0, 4.0])))",
    ),
    e(
        "torch.linalg.vector_norm",
        "torch.linalg.vector_norm(x, ord=2, dim=None, keepdim=False, *, dtype=None) -> Tensor",
        "Computes a vector norm.",
        "v = torch.tensor([3.0, 4.0])\nprint(torch.linalg.vector_norm(v))\nprint(torch.linalg.vector_norm(v, ord=1))",
    ),
    e(
        "torch.linalg.matrix_norm",
        "torch.linalg.matrix_norm(A, ord='fro', dim=(-2, -1), keepdim=False, *, dtype=None) -> Tensor",
        "Computes a matrix norm.",
        "A = torch.tensor([[2.0, 1.0], [1.0, 3.0]])\nprint(torch.linalg.matrix_norm(A))",
    ),
    e(
        "torch.linalg.matmul",
        "torch.linalg.matmul(input, other) -> Tensor",
        "Alias for torch.matmul.",
        "a = torch.ones(2, 3)\nprint(torch.linalg.matmul(a, a.T))",
    ),
];

pub static MODULE: &[HelpEntry] = &[e(
    "torch.linalg",
    "torch.linalg",
    "Linear algebra: inverses, determinants, solving systems, norms.",
    "A = torch.tensor([[2.0, 0.0], [0.0, 4.0]])\nprint(torch.linalg.inv(A))\nprint(torch.linalg.det(A))",
)];
