//! One module per subcommand.

pub(crate) mod check_docs;
pub(crate) mod completions;
pub(crate) mod diagram;
pub(crate) mod docs;
pub(crate) mod guide;
pub(crate) mod migrate;
pub(crate) mod render;
pub(crate) mod schema;
pub(crate) mod template;
pub(crate) mod validate;
