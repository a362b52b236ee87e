//! `ingresslab render`: the manifests on stdout, problems on stderr.

use ingresslab_core::{Severity, analyze};

use crate::ExitStatus;
use crate::args::RenderArgs;
use crate::inputs;
use crate::printer::{self, Stream};

pub(crate) fn run(args: &RenderArgs) -> Result<ExitStatus, String> {
    let input = inputs::load(&args.values)?;
    let analysis = analyze(&input);
    let refused = analysis.manifests.is_none() || (analysis.has_errors() && !args.force);
    if refused {
        printer::diagnostics_text(&analysis, &analysis.diagnostics, Stream::Stderr);
        return Ok(ExitStatus::Refused);
    }
    // Warnings and notes still deserve a look, without polluting the YAML on stdout.
    printer::diagnostics_text(&analysis, &analysis.diagnostics, Stream::Stderr);
    if args.force && analysis.count(Severity::Error) > 0 {
        printer::note(
            "rendering despite errors because of --force",
            Stream::Stderr,
        );
    }
    printer::stdout(&analysis.manifest_stream().unwrap_or_default());
    Ok(ExitStatus::Clean)
}
