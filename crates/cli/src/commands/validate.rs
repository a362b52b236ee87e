//! `ingresslab validate`: every diagnostic on stdout, exit 1 on errors.

use ingresslab_core::analyze;

use crate::args::{Format, ValidateArgs};
use crate::inputs;
use crate::printer;
use crate::{ExitStatus, Terminal};

pub(crate) fn run(args: &ValidateArgs, terminal: &mut Terminal<'_>) -> Result<ExitStatus, String> {
    let input = inputs::load(&args.values)?;
    let analysis = analyze(&input);
    match args.format {
        Format::Text => {
            printer::diagnostics_text(&analysis, &analysis.diagnostics, terminal.stdout);
            printer::summary(&analysis, terminal.stdout);
        }
        Format::Json => printer::text(terminal.stdout, &printer::diagnostics_json(&analysis)),
    }
    Ok(if analysis.has_errors() {
        ExitStatus::Refused
    } else {
        ExitStatus::Clean
    })
}
