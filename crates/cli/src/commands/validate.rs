//! `ingresslab validate`: every diagnostic on stdout, exit 1 on errors.

use ingresslab_core::analyze;

use crate::ExitStatus;
use crate::args::{Format, ValidateArgs};
use crate::inputs;
use crate::printer::{self, Stream};

pub(crate) fn run(args: &ValidateArgs) -> Result<ExitStatus, String> {
    let input = inputs::load(&args.values)?;
    let analysis = analyze(&input);
    match args.format {
        Format::Text => {
            printer::diagnostics_text(&analysis, &analysis.diagnostics, Stream::Stdout);
            printer::summary(&analysis, Stream::Stdout);
        }
        Format::Json => printer::stdout(&printer::diagnostics_json(&analysis)),
    }
    Ok(if analysis.has_errors() {
        ExitStatus::Refused
    } else {
        ExitStatus::Clean
    })
}
