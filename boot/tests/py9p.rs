//! The exporter's wire conformance suite with an independent client:
//! `tests/9p/` (pytest with python-9p) against the real `ninebox serve`,
//! with the venv `.ci/setup.d/30-python-9p.sh` makes (see `pytest.rs`).

use std::path::Path;

use libtest_mimic::Trial;

use crate::pytest::Suite;

static SUITE: Suite = Suite {
    name: "serve::python_9p_conformance",
    var: "NINEBOX_PY9P",
    venv: "9p",
    setup: "30-python-9p.sh",
    dir: "9p",
};

pub fn trials(bin: &Path) -> Vec<Trial> {
    vec![SUITE.trial(bin)]
}
