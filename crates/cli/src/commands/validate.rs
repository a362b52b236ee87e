//! `ingresslab validate`: every diagnostic on stdout, exit 1 on errors.

use ingresslab_core::{Severity, analyze};

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
        Format::Github => printer::text(terminal.stdout, &printer::diagnostics_github(&analysis)),
    }
    let warnings_count = args.strict && analysis.count(Severity::Warning) > 0;
    Ok(if analysis.has_errors() || warnings_count {
        ExitStatus::Refused
    } else {
        ExitStatus::Clean
    })
}
