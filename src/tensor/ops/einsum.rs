//! `torch.einsum`: equation parsing (explicit `->`, implicit output, `...`), diagonals for
//! repeated subscripts, and left-to-right pairwise contraction through `bmm`.

use crate::error::{Error, Result};
use crate::tensor::Tensor;

use super::reduce::{reduce, ReduceOp};
use super::{matmul, movement};

/// Label ids: `A-Z` → 0..26, `a-z` → 26..52 (so sorting follows ASCII); ellipsis dims ≥ 52.
const ELL: u32 = 52;

fn label(c: u8, pos: usize) -> Result<u32> {
    match c {
        b'A'..=b'Z' => Ok((c - b'A') as u32),
        b'a'..=b'z' => Ok((c - b'a') as u32 + 26),
        _ => Err(Error::runtime(format!(
            "einsum(): invalid subscript given at index {pos} in the equation string, subscripts must be in [a-zA-Z]"
        ))),
    }
}

fn label_char(l: u32) -> char {
    if l < 26 {
        (b'A' + l as u8) as char
    } else {
        (b'a' + (l - 26) as u8) as char
    }
}

/// One term's subscripts: labels with an optional ellipsis position.
struct Term {
    labels: Vec<u32>,
    ell: Option<usize>,
}

fn parse_term(s: &[u8], base: usize) -> Result<Term> {
    let mut labels = Vec::new();
    let mut ell = None;
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        if c == b'.' {
            if ell.is_some() || !s[i..].starts_with(b"...") {
                return Err(Error::runtime(
                    "einsum(): found '.' for operand that is not part of any ellipsis",
                ));
            }
            ell = Some(labels.len());
            i += 3;
            continue;
        }
        if c != b' ' {
            labels.push(label(c, base + i)?);
        }
        i += 1;
    }
    Ok(Term { labels, ell })
}

/// A tensor with one distinct label per dim.
struct Op {
    t: Tensor,
    labels: Vec<u32>,
}

/// Sums away dims whose labels are not in `keep`.
fn sum_out(op: Op, keep: &dyn Fn(u32) -> bool) -> Result<Op> {
    let dims: Vec<i64> = (0..op.labels.len()).filter(|&i| !keep(op.labels[i])).map(|i| i as i64).collect();
    if dims.is_empty() {
        return Ok(op);
    }
    let t = reduce(ReduceOp::Sum, &op.t, Some(&dims[..]), false, None)?;
    let labels = op.labels.into_iter().filter(|&l| keep(l)).collect();
    Ok(Op { t, labels })
}

/// Contracts two operands; labels in both that are not `needed` later are summed.
fn contract(a: Op, b: Op, needed: &dyn Fn(u32) -> bool) -> Result<Op> {
    let size = |l: u32| -> usize {
        let sa = a.labels.iter().position(|&x| x == l).map(|i| a.t.shape()[i]).unwrap_or(1);
        let sb = b.labels.iter().position(|&x| x == l).map(|i| b.t.shape()[i]).unwrap_or(1);
        if sa == 1 { sb } else { sa }
    };
    let in_b = |l: &u32| b.labels.contains(l);
    let in_a = |l: &u32| a.labels.contains(l);
    let batch: Vec<u32> = a.labels.iter().copied().filter(|l| in_b(l) && needed(*l)).collect();
    let con: Vec<u32> = a.labels.iter().copied().filter(|l| in_b(l) && !needed(*l)).collect();
    let aonly: Vec<u32> = a.labels.iter().copied().filter(|l| !in_b(l)).collect();
    let bonly: Vec<u32> = b.labels.iter().copied().filter(|l| !in_a(l)).collect();
    for l in batch.iter().chain(&con) {
        let sa = a.t.shape()[a.labels.iter().position(|x| x == l).unwrap_or(0)];
        let sb = b.t.shape()[b.labels.iter().position(|x| x == l).unwrap_or(0)];
        if sa != sb && sa != 1 && sb != 1 {
            return Err(Error::runtime(format!(
                "einsum(): operands do not broadcast with remapped shapes (original->remapped): {} and {} for subscript {}",
                crate::tensor::layout::fmt_shape(&a.t.shape()),
                crate::tensor::layout::fmt_shape(&b.t.shape()),
                if *l < ELL { label_char(*l).to_string() } else { "...".into() }
            )));
        }
    }
    let arrange = |op: &Op, order: &[&[u32]]| -> Result<Tensor> {
        let all: Vec<u32> = order.iter().flat_map(|g| g.iter().copied()).collect();
        let perm: Vec<i64> =
            all.iter().map(|l| op.labels.iter().position(|x| x == l).unwrap_or(0) as i64).collect();
        let t = movement::permute(&op.t, &perm)?;
        let full: Vec<i64> = all.iter().map(|&l| size(l) as i64).collect();
        let t = movement::expand(&t, &full)?;
        let sizes: Vec<i64> = order.iter().map(|g| g.iter().map(|&l| size(l) as i64).product()).collect();
        movement::reshape(&t, &sizes)
    };
    let ta = arrange(&a, &[&batch, &aonly, &con])?;
    let tb = arrange(&b, &[&batch, &con, &bonly])?;
    let r = matmul::bmm(&ta, &tb)?;
    let mut shape: Vec<i64> = batch.iter().map(|&l| size(l) as i64).collect();
    shape.extend(aonly.iter().chain(&bonly).map(|&l| size(l) as i64));
    let t = movement::reshape(&r, &shape)?;
    let mut labels = batch;
    labels.extend(aonly);
    labels.extend(bonly);
    Ok(Op { t, labels })
}

/// `torch.einsum(equation, operands)`.
pub fn einsum(equation: &str, operands: &[Tensor]) -> Result<Tensor> {
    let eq = equation.as_bytes();
    let (lhs, rhs) = match equation.find("->") {
        Some(p) => (&eq[..p], Some((&eq[p + 2..], p + 2))),
        None => (eq, None),
    };
    let mut terms = Vec::new();
    let mut start = 0;
    for part in lhs.split(|&c| c == b',') {
        terms.push(parse_term(part, start)?);
        start += part.len() + 1;
    }
    if terms.len() > operands.len() {
        return Err(Error::runtime("einsum(): fewer operands were provided than specified in the equation"));
    }
    if terms.len() < operands.len() {
        return Err(Error::runtime("einsum(): more operands were provided than specified in the equation"));
    }
    // Ellipsis widths and per-operand full label lists.
    let mut ell_dims = 0usize;
    for (i, (t, x)) in terms.iter().zip(operands).enumerate() {
        let nd = x.ndim();
        match t.ell {
            None if t.labels.len() != nd => {
                return Err(Error::runtime(format!(
                    "einsum(): the number of subscripts in the equation ({}) does not match the number of dimensions ({}) for operand {} and no ellipsis was given",
                    t.labels.len(), nd, i
                )))
            }
            Some(_) if t.labels.len() > nd => {
                return Err(Error::runtime(format!(
                    "einsum(): the number of subscripts in the equation ({}) is more than the number of dimensions ({}) for operand {}",
                    t.labels.len(), nd, i
                )))
            }
            Some(_) => ell_dims = ell_dims.max(nd - t.labels.len()),
            None => {}
        }
    }
    let ell_labels: Vec<u32> = (0..ell_dims as u32).map(|j| ELL + j).collect();
    let mut counts = [0usize; 52];
    let mut ops = Vec::new();
    for (t, x) in terms.iter().zip(operands) {
        let mut labels = t.labels.clone();
        if let Some(p) = t.ell {
            let w = x.ndim() - t.labels.len();
            let ins = &ell_labels[ell_dims - w..];
            labels.splice(p..p, ins.iter().copied());
        }
        for &l in &t.labels {
            counts[l as usize] += 1;
        }
        ops.push(diagonalize(x, labels)?);
    }
    // Output labels.
    let out: Vec<u32> = match rhs {
        Some((r, base)) => {
            let t = parse_term(r, base)?;
            let mut seen = [false; 52];
            for &l in &t.labels {
                if seen[l as usize] {
                    return Err(Error::runtime(format!(
                        "einsum(): output subscript {} appears more than once in the output",
                        label_char(l)
                    )));
                }
                seen[l as usize] = true;
                if counts[l as usize] == 0 {
                    return Err(Error::runtime(format!(
                        "einsum(): output subscript {} does not appear in the equation for any input operand",
                        label_char(l)
                    )));
                }
            }
            let mut v = t.labels.clone();
            match t.ell {
                Some(p) => {
                    v.splice(p..p, ell_labels.iter().copied());
                }
                None if ell_dims > 0 => {
                    // Ellipsis dims not in the output are summed.
                }
                None => {}
            }
            v
        }
        None => {
            let mut v = ell_labels.clone();
            v.extend((0..52u32).filter(|&l| counts[l as usize] == 1));
            v
        }
    };
    // Left-to-right contraction.
    let mut ops = ops.into_iter().enumerate();
    let Some((_, first)) = ops.next() else {
        return Err(Error::runtime("einsum(): must provide at least one operand"));
    };
    let rest: Vec<Op> = ops.map(|(_, o)| o).collect();
    let needed_after = |k: usize, l: u32| -> bool { out.contains(&l) || rest[k..].iter().any(|o| o.labels.contains(&l)) };
    let mut acc = sum_out(first, &|l| needed_after(0, l))?;
    for k in 0..rest.len() {
        let b = Op { t: rest[k].t.clone(), labels: rest[k].labels.clone() };
        let b = sum_out(b, &|l| acc.labels.contains(&l) || needed_after(k + 1, l))?;
        acc = contract(acc, b, &|l| needed_after(k + 1, l))?;
    }
    let acc = sum_out(acc, &|l| out.contains(&l))?;
    // Output labels never present (broadcast ellipsis dims of size 1 dropped by nobody) are
    // impossible here; permute to the output order.
    let perm: Vec<i64> = out
        .iter()
        .map(|l| acc.labels.iter().position(|x| x == l).map(|p| p as i64).ok_or_else(|| Error::runtime("einsum(): internal label error")))
        .collect::<Result<_>>()?;
    let t = movement::permute(&acc.t, &perm)?;
    Ok(if t.is_contiguous() { t } else { t.contiguous() })
}

/// Takes diagonals for labels repeated within one operand.
fn diagonalize(x: &Tensor, labels: Vec<u32>) -> Result<Op> {
    let mut t = x.clone();
    let mut labels = labels;
    loop {
        let mut found = None;
        'o: for i in 0..labels.len() {
            for j in i + 1..labels.len() {
                if labels[i] == labels[j] {
                    found = Some((i, j));
                    break 'o;
                }
            }
        }
        let Some((i, j)) = found else { break };
        let s = t.shape();
        if s[i] != s[j] {
            return Err(Error::runtime(format!(
                "einsum(): subscript {} is repeated for operand but the sizes don't match, {} != {}",
                label_char(labels[i]),
                s[i],
                s[j]
            )));
        }
        t = movement::diagonal(&t, 0, i as i64, j as i64)?;
        let l = labels[i];
        labels.remove(j);
        labels.remove(i);
        labels.push(l);
    }
    Ok(Op { t, labels })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ar(shape: &[usize]) -> Tensor {
        let n: usize = shape.iter().product();
        Tensor::from_vec((0..n).map(|i| (i as f64) * 0.5 - 1.0).collect::<Vec<f64>>(), shape)
    }

    fn close(t: &Tensor, want: &[f64], shape: &[usize]) {
        assert_eq!(t.shape().to_vec(), shape.to_vec());
        let v = t.to_vec_as::<f64>();
        assert_eq!(v.len(), want.len());
        for (a, b) in v.iter().zip(want) {
            assert!((a - b).abs() < 1e-9, "{v:?} vs {want:?}");
        }
    }

    #[test]
    fn matches_explicit_loops() {
        let a = ar(&[2, 3]);
        let b = ar(&[3, 4]);
        let av = a.to_vec::<f64>();
        let bv = b.to_vec::<f64>();
        // ij,jk->ik
        let mut w = vec![0.0; 8];
        for i in 0..2 { for k in 0..4 { for j in 0..3 { w[i * 4 + k] += av[i * 3 + j] * bv[j * 4 + k]; } } }
        close(&einsum("ij,jk->ik", &[a.clone(), b.clone()]).unwrap(), &w, &[2, 4]);
        close(&einsum("ij,jk", &[a.clone(), b.clone()]).unwrap(), &w, &[2, 4]);
        // ij->ji
        let wt: Vec<f64> = (0..6).map(|p| av[(p % 2) * 3 + p / 2]).collect();
        close(&einsum("ij->ji", &[a.clone()]).unwrap(), &wt, &[3, 2]);
        // ji (implicit: alphabetical → ij order) is the transpose of the labels
        close(&einsum("ji", &[a.clone()]).unwrap(), &wt, &[3, 2]);
        // ij->j, ij->
        let colsum: Vec<f64> = (0..3).map(|j| av[j] + av[3 + j]).collect();
        close(&einsum("ij->j", &[a.clone()]).unwrap(), &colsum, &[3]);
        close(&einsum("ij->", &[a.clone()]).unwrap(), &[av.iter().sum::<f64>()], &[]);
        // ii->i and ii
        let s = ar(&[3, 3]);
        let sv = s.to_vec::<f64>();
        close(&einsum("ii->i", &[s.clone()]).unwrap(), &[sv[0], sv[4], sv[8]], &[3]);
        close(&einsum("ii", &[s.clone()]).unwrap(), &[sv[0] + sv[4] + sv[8]], &[]);
        // i,j->ij outer
        let x = ar(&[2]);
        let y = ar(&[3]);
        let (xv, yv) = (x.to_vec::<f64>(), y.to_vec::<f64>());
        let o: Vec<f64> = (0..6).map(|p| xv[p / 3] * yv[p % 3]).collect();
        close(&einsum("i,j->ij", &[x.clone(), y.clone()]).unwrap(), &o, &[2, 3]);
        // bij,bjk->bik
        let p = ar(&[2, 2, 3]);
        let q = ar(&[2, 3, 2]);
        let (pv, qv) = (p.to_vec::<f64>(), q.to_vec::<f64>());
        let mut w = vec![0.0; 8];
        for bb in 0..2 { for i in 0..2 { for k in 0..2 { for j in 0..3 {
            w[bb * 4 + i * 2 + k] += pv[bb * 6 + i * 3 + j] * qv[bb * 6 + j * 2 + k];
        } } } }
        close(&einsum("bij,bjk->bik", &[p.clone(), q.clone()]).unwrap(), &w, &[2, 2, 2]);
        // ...ij,...jk (ellipsis batch)
        close(&einsum("...ij,...jk->...ik", &[p.clone(), q.clone()]).unwrap(), &w, &[2, 2, 2]);
        // three operands: i,i,i->
        let z: f64 = (0..2).map(|i| xv[i] * xv[i] * xv[i]).sum();
        close(&einsum("i,i,i->", &[x.clone(), x.clone(), x.clone()]).unwrap(), &[z], &[]);
        // bij->bji with ellipsis
        let mut w = vec![0.0; 12];
        for bb in 0..2 { for i in 0..2 { for j in 0..3 { w[bb * 6 + j * 2 + i] = pv[bb * 6 + i * 3 + j]; } } }
        close(&einsum("...ij->...ji", &[p.clone()]).unwrap(), &w, &[2, 3, 2]);
    }

    #[test]
    fn errors() {
        let a = ar(&[2, 3]);
        assert!(einsum("ij,jk", &[a.clone()]).unwrap_err().msg.contains("fewer operands"));
        assert!(einsum("i", &[a.clone()]).unwrap_err().msg.contains("number of subscripts"));
        assert!(einsum("ij->ii", &[a.clone()]).unwrap_err().msg.contains("appears more than once"));
        assert!(einsum("ij->k", &[a]).unwrap_err().msg.contains("does not appear"));
    }
}
