//! The capability matrix: what the gateway can do to the traffic in each TLS
//! mode, on Gateway API v1.6.1, for the controller in use. The rows that
//! depend on the controller read [`crate::controllers`]. Data, shown by the
//! compare diagram, the playground and the guide.

use super::Mode;
use crate::controllers::{Controller, Reencryption, StreamLimit};

/// How a mode supports a capability.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Support {
    /// Yes.
    Yes,
    /// No.
    No,
    /// Does not apply to this mode.
    NotApplicable,
}

impl Support {
    /// A symbol with its word, so meaning never rests on a glyph alone.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Support::Yes => "✓ yes",
            Support::No => "✕ no",
            Support::NotApplicable => "— n/a",
        }
    }
}

/// One row of the matrix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Capability {
    /// What is compared.
    pub name: &'static str,
    /// Support per mode, in [`Mode::ALL`] order, each with a short note.
    pub support: [(Support, String); 4],
}

impl Capability {
    /// Support of one mode.
    #[must_use]
    pub fn of(&self, mode: Mode) -> (Support, &str) {
        let column = Mode::ALL
            .iter()
            .position(|candidate| *candidate == mode)
            .unwrap_or(0);
        let (support, note) = &self.support[column];
        (*support, note)
    }
}

/// The matrix for `controller`; without one, what the Gateway API means,
/// with the rows that depend on the controller saying so.
#[must_use]
pub fn capabilities(controller: Option<Controller>) -> Vec<Capability> {
    let mut rows: Vec<Capability> = ROWS
        .iter()
        .map(|row| Capability {
            name: row.name,
            support: row
                .support
                .map(|(support, note)| (support, note.to_owned())),
        })
        .collect();
    let Some(controller) = controller else {
        rows.push(Capability {
            name: STREAMS,
            support: [
                (Yes, String::new()),
                (Na, "depends on the controller".to_owned()),
                (Na, "depends on the controller".to_owned()),
                (Na, "depends on the controller".to_owned()),
            ],
        });
        return rows;
    };
    let profile = controller.profile();
    let reencrypt = match profile.backend_tls_on_grpc_route.value {
        Reencryption::Applied => None,
        Reencryption::IgnoredForGrpcRoute => Some("ignored for GRPCRoute"),
        Reencryption::WithoutHttp2 => Some("no HTTP/2 to the server"),
    };
    if let Some(why) = reencrypt {
        let terminate_reencrypt = 1;
        for row in &mut rows {
            if row.name == BACKEND_TLS_POLICY || row.name == ENCRYPTED_END_TO_END {
                row.support[terminate_reencrypt] = (No, why.to_owned());
            }
        }
    }
    let streams = match profile.grpc_stream_limit.value {
        StreamLimit::None => (Yes, String::new()),
        StreamLimit::Cut { after, .. } if controller == Controller::EnvoyGateway => {
            (Yes, format!("{after} limit lifted"))
        }
        StreamLimit::Cut { after, .. } => (No, format!("cut after {after}")),
        StreamLimit::Idle { after, .. } => (No, format!("cut after {after} idle")),
    };
    rows.push(Capability {
        name: STREAMS,
        support: [
            (Yes, String::new()),
            streams.clone(),
            streams.clone(),
            streams,
        ],
    });
    rows
}

const STREAMS: &str = "Long-lived streams (exec, logs, port-forward)";
const BACKEND_TLS_POLICY: &str = "BackendTLSPolicy";
const ENCRYPTED_END_TO_END: &str = "Encrypted end to end";

/// A row as written below, before the controller's rows are read.
struct Row {
    name: &'static str,
    support: [(Support, &'static str); 4],
}

use Support::{No, NotApplicable as Na, Yes};

/// The rows every controller shares, in display order.
const ROWS: &[Row] = &[
    Row {
        name: "Routing by gRPC service and method",
        support: [(No, "SNI only"), (Yes, ""), (Yes, ""), (Yes, "")],
    },
    Row {
        name: "JWT, OIDC or ext-auth at the edge",
        support: [
            (No, "no L7 visibility"),
            (Yes, ""),
            (Yes, ""),
            (Yes, "cleartext credentials"),
        ],
    },
    Row {
        name: "Rate limits",
        support: [(No, ""), (Yes, ""), (Yes, ""), (Yes, "")],
    },
    Row {
        name: "Retries",
        support: [(No, ""), (Yes, ""), (Yes, ""), (Yes, "")],
    },
    Row {
        name: "Client certificate checked at the edge",
        support: [(No, "the server checks it"), (Yes, ""), (Yes, ""), (Na, "")],
    },
    Row {
        name: "Client certificate reaches the server",
        support: [
            (Yes, "with server mTLS"),
            (No, "ends at the edge"),
            (No, "ends at the edge"),
            (No, ""),
        ],
    },
    Row {
        name: ENCRYPTED_END_TO_END,
        support: [
            (Yes, ""),
            (Yes, "re-encrypted at the edge"),
            (No, "last hop plaintext"),
            (No, ""),
        ],
    },
    Row {
        name: "Certificate at the edge",
        support: [
            (No, "none needed"),
            (Yes, "required"),
            (Yes, "required"),
            (No, ""),
        ],
    },
    Row {
        name: BACKEND_TLS_POLICY,
        support: [
            (No, "must not apply"),
            (Yes, "required"),
            (No, ""),
            (Na, ""),
        ],
    },
];
