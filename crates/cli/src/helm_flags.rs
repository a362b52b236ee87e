//! `ingresslab template` reads Helm's command line, so a mistyped flag must
//! be reported as Helm (cobra and pflag) reports it: `unknown flag: --x`,
//! `unknown shorthand flag: 'b' in -bad`, `flag needs an argument: 'n' in -n`,
//! with exit status 1.

use std::ffi::OsString;

use crate::args::TemplateArgs;

/// Helm's message for the first flag mistake in a `template` command line.
pub(crate) fn check(argv: &[OsString]) -> Option<String> {
    let words: Vec<String> = argv
        .iter()
        .map(|word| word.to_string_lossy().into_owned())
        .collect();
    if words.get(1).map(String::as_str) != Some("template") {
        return None;
    }
    // Only `template`'s own flags, not the whole command tree.
    let template = <TemplateArgs as clap::Args>::augment_args(clap::Command::new("template"));
    let arguments: Vec<&clap::Arg> = template.get_arguments().collect();
    let takes_value = |arg: &clap::Arg| arg.get_action().takes_values();
    let mut rest = words[2..].iter();
    while let Some(word) = rest.next() {
        if word == "--" {
            break;
        }
        if let Some(long) = word.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((name, _)) => (name, true),
                None => (long, false),
            };
            if name == "help" {
                return None;
            }
            if crate::args::GLOBAL_FLAGS.contains(&name) {
                // ingresslab's own flags take a value.
                if !inline {
                    rest.next();
                }
                continue;
            }
            let Some(arg) = arguments.iter().find(|arg| arg.get_long() == Some(name)) else {
                return Some(format!("unknown flag: --{name}"));
            };
            if takes_value(arg) && !inline && rest.next().is_none() {
                return Some(format!("flag needs an argument: --{name}"));
            }
        } else if let Some(shorts) = word.strip_prefix('-').filter(|shorts| !shorts.is_empty()) {
            for (offset, short) in shorts.char_indices() {
                if short == 'h' {
                    return None;
                }
                let Some(arg) = arguments.iter().find(|arg| arg.get_short() == Some(short)) else {
                    return Some(format!("unknown shorthand flag: '{short}' in {word}"));
                };
                if takes_value(arg) {
                    let value_follows = offset + short.len_utf8() < shorts.len();
                    if !value_follows && rest.next().is_none() {
                        return Some(format!("flag needs an argument: '{short}' in {word}"));
                    }
                    break;
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::check;

    fn words(line: &str) -> Vec<std::ffi::OsString> {
        line.split(' ').map(Into::into).collect()
    }

    #[test]
    fn mistakes_read_as_helm_reports_them() {
        // Helm v4.1.4's messages for the same command lines.
        assert_eq!(
            check(&words("ingresslab template -bad chart")).as_deref(),
            Some("unknown shorthand flag: 'b' in -bad")
        );
        assert_eq!(
            check(&words("ingresslab template --foo x chart")).as_deref(),
            Some("unknown flag: --foo")
        );
        assert_eq!(
            check(&words("ingresslab template x chart -n")).as_deref(),
            Some("flag needs an argument: 'n' in -n")
        );
        assert_eq!(
            check(&words("ingresslab template x chart -nfoo -f a.yaml")),
            None
        );
        assert_eq!(check(&words("ingresslab render -bad")), None);
    }
}
