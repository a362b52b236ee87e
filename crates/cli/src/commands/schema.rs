//! `ingresslab schema`: values.schema.json for the modelled trees on stdout.

use crate::args::SchemaArgs;
use crate::inputs;
use crate::printer;
use crate::{ExitStatus, Terminal};

pub(crate) fn run(args: &SchemaArgs, terminal: &mut Terminal<'_>) -> Result<ExitStatus, String> {
    let chart = inputs::chart(args.chart.as_deref())?;
    printer::text(terminal.stdout, &ingresslab_core::values_schema(&chart));
    Ok(ExitStatus::Clean)
}
