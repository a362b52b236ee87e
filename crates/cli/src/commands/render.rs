//! `ingresslab render`: the manifests on stdout, problems on stderr.

use ingresslab_core::analyze;

use crate::args::RenderArgs;
use crate::inputs;
use crate::printer;
use crate::{ExitStatus, Terminal};

pub(crate) fn run(args: &RenderArgs, terminal: &mut Terminal<'_>) -> Result<ExitStatus, String> {
    let input = inputs::load(&args.values)?;
    let analysis = analyze(&input);
    // Problems go to stderr either way, so stdout stays pure YAML.
    printer::diagnostics_text(&analysis, &analysis.diagnostics, terminal.stderr);
    let Some(stream) = analysis.manifest_stream() else {
        printer::line(
            terminal.stderr,
            "error: Helm would refuse these values; nothing rendered",
        );
        return Ok(ExitStatus::Refused);
    };
    if analysis.has_errors() && !args.force {
        printer::line(
            terminal.stderr,
            "error: the values have errors; nothing rendered (use --force to render what Helm would)",
        );
        return Ok(ExitStatus::Refused);
    }
    printer::text(terminal.stdout, &stream);
    Ok(ExitStatus::Clean)
}
