//! Variable scopes: the module's globals and one scope per function call, chained to the
//! scope a function was defined in (closures).

use std::cell::RefCell;
use std::collections::HashSet;

use rustc_hash::FxHashMap;
use std::rc::Rc;

use super::value::Value;

#[derive(Default)]
pub struct Scope {
    /// Fast hashing: name lookups sit on the interpreter's hot path.
    pub vars: FxHashMap<Rc<str>, Value>,
    /// Names declared `global` in this (function) scope.
    pub globals: HashSet<Rc<str>>,
    /// Names declared `nonlocal`.
    pub nonlocals: HashSet<Rc<str>>,
    pub parent: Option<Rc<RefCell<Scope>>>,
}

impl Scope {
    pub fn new(parent: Option<Rc<RefCell<Scope>>>) -> Rc<RefCell<Scope>> {
        Rc::new(RefCell::new(Scope { parent, ..Default::default() }))
    }
}

/// Looks `name` up through the chain of enclosing scopes.
pub fn lookup(scope: &Rc<RefCell<Scope>>, name: &str) -> Option<Value> {
    let mut cur = scope.clone();
    loop {
        let next = {
            let s = cur.borrow();
            if let Some(v) = s.vars.get(name) {
                return Some(v.clone());
            }
            s.parent.clone()
        };
        cur = next?;
    }
}

/// Finds the scope that holds `name` (for `nonlocal` writes).
pub fn owner(scope: &Rc<RefCell<Scope>>, name: &str) -> Option<Rc<RefCell<Scope>>> {
    let mut cur = scope.borrow().parent.clone();
    while let Some(s) = cur {
        if s.borrow().vars.contains_key(name) {
            return Some(s);
        }
        cur = s.borrow().parent.clone();
    }
    None
}
