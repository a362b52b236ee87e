//! The capability matrix: what the gateway can do to the traffic in each TLS
//! mode (Envoy Gateway v1.9 on Gateway API v1.6.1). Data, shown by the compare
//! diagram, the playground and the guide.

use super::Mode;

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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Capability {
    /// What is compared.
    pub name: &'static str,
    /// Support per mode, in [`Mode::ALL`] order, each with a short note.
    pub support: [(Support, &'static str); 4],
}

impl Capability {
    /// Support of one mode.
    #[must_use]
    pub fn of(&self, mode: Mode) -> (Support, &'static str) {
        let column = Mode::ALL
            .iter()
            .position(|candidate| *candidate == mode)
            .unwrap_or(0);
        self.support[column]
    }
}

use Support::{No, NotApplicable as Na, Yes};

/// Rows, in display order.
pub const CAPABILITIES: &[Capability] = &[
    Capability {
        name: "Routing by gRPC service and method",
        support: [(No, "SNI only"), (Yes, ""), (Yes, ""), (Yes, "")],
    },
    Capability {
        name: "JWT, OIDC or ext-auth at the edge",
        support: [
            (No, "no L7 visibility"),
            (Yes, ""),
            (Yes, ""),
            (Yes, "cleartext credentials"),
        ],
    },
    Capability {
        name: "Rate limits",
        support: [(No, ""), (Yes, ""), (Yes, ""), (Yes, "")],
    },
    Capability {
        name: "Retries",
        support: [(No, ""), (Yes, ""), (Yes, ""), (Yes, "")],
    },
    Capability {
        name: "Client certificate checked at the edge",
        support: [(No, "the server checks it"), (Yes, ""), (Yes, ""), (Na, "")],
    },
    Capability {
        name: "Client certificate reaches the server",
        support: [
            (Yes, "with server mTLS"),
            (No, "ends at the edge"),
            (No, "ends at the edge"),
            (No, ""),
        ],
    },
    Capability {
        name: "Encrypted end to end",
        support: [
            (Yes, ""),
            (Yes, "re-encrypted at the edge"),
            (No, "last hop plaintext"),
            (No, ""),
        ],
    },
    Capability {
        name: "Certificate at the edge",
        support: [
            (No, "none needed"),
            (Yes, "required"),
            (Yes, "required"),
            (No, ""),
        ],
    },
    Capability {
        name: "BackendTLSPolicy",
        support: [
            (No, "must not apply"),
            (Yes, "required"),
            (No, ""),
            (Na, ""),
        ],
    },
];
