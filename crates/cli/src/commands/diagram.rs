//! `ingresslab diagram`: the traffic diagram of the values, to stdout or a file.

use ingresslab_core::{DiagramFormat, analyze};

use crate::args::{DiagramArgs, DiagramFormatArg};
use crate::{ExitStatus, Terminal, inputs, output, printer};

pub(crate) fn run(args: &DiagramArgs, terminal: &mut Terminal<'_>) -> Result<ExitStatus, String> {
    let input = inputs::load(&args.values)?;
    let analysis = analyze(&input);
    let format = match args.format {
        DiagramFormatArg::Svg => DiagramFormat::Svg,
        DiagramFormatArg::Mermaid => DiagramFormat::Mermaid,
    };
    let text = analysis.diagram(format, args.compare);
    match &args.output {
        Some(path) => output::write_atomic(path, text.as_bytes())?,
        None => printer::text(terminal.stdout, &text),
    }
    // The drawing shows broken paths itself; problems are listed too, on stderr.
    printer::diagnostics_text(&analysis, &analysis.diagnostics, terminal.stderr);
    Ok(ExitStatus::Clean)
}
