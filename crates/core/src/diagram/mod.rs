//! Diagrams of the traffic model: a self-contained SVG (no script, no web
//! fonts, deterministic ids, at most 800 px wide, light and dark) and a
//! Mermaid flowchart. Geometry is computed here; the markup lives in
//! `templates/diagram.svg` and `templates/diagram.mmd`, Go templates run by
//! the project's own engine (one template engine in the page, not two).

use serde_json::{Value as Json, json};

use crate::controllers::Controller;
use crate::render::render_template;
use crate::traffic::{
    Mode, Stop, Support, Termination, TrafficModel, TrafficPath, Wire, capabilities,
};

/// The SVG's width, in CSS pixels at 1:1.
pub const WIDTH: u32 = 800;
/// The smallest `font-size` the SVG's style sheet sets, in pixels at 1:1:
/// a page that shows the diagram scaled knows how far it can shrink it.
pub const SMALLEST_FONT_PX: u32 = 10;
const MARGIN: u32 = 16;
const BOX_WIDTH: u32 = 112;
const BOX_HEIGHT: u32 = 50;
const GAP: u32 = (WIDTH - 2 * MARGIN - 5 * BOX_WIDTH) / 4;
const STOPS: [Stop; 5] = [
    Stop::Client,
    Stop::Listener,
    Stop::Route,
    Stop::Service,
    Stop::Server,
];
/// Characters that fit in a box line at the detail font size.
const BOX_CHARS: usize = 20;

/// The SVG of one traffic model.
#[must_use]
pub fn svg(traffic: &TrafficModel, title: &str) -> String {
    let mut layout = Layout::new("traffic");
    if traffic.paths.is_empty() {
        layout.heading("No traffic path: these values render no route.");
    }
    for path in &traffic.paths {
        layout.lane(path, "");
    }
    layout.finish(title, None)
}

/// The compare SVG: passthrough and terminate + re-encrypt for the same
/// values, then the capability matrix.
#[must_use]
pub fn compare_svg(
    passthrough: &TrafficModel,
    terminate: &TrafficModel,
    controller: Option<Controller>,
    title: &str,
) -> String {
    let mut layout = Layout::new("compare");
    for (heading, model, prefix) in [
        ("TLS passthrough", passthrough, "passthrough-"),
        ("Terminate + re-encrypt", terminate, "terminate-"),
    ] {
        layout.heading(heading);
        for path in &model.paths {
            layout.lane(path, prefix);
        }
    }
    layout.heading(&match controller {
        Some(controller) => format!(
            "What each mode allows ({} {})",
            controller.name(),
            controller.profile().checked_release
        ),
        None => "What each mode allows (Gateway API; no controller named)".to_owned(),
    });
    let matrix = layout.matrix(controller);
    layout.finish(title, Some(matrix))
}

/// The Mermaid flowchart of one traffic model.
#[must_use]
pub fn mermaid(traffic: &TrafficModel, title: &str) -> String {
    let mut lanes = Vec::new();
    let mut link_styles = Vec::new();
    let mut broken_nodes = Vec::new();
    let mut edge_index = 0usize;
    for (lane_index, path) in traffic.paths.iter().enumerate() {
        let prefix = format!("p{lane_index}");
        let nodes: Vec<Json> = STOPS
            .iter()
            .map(|stop| {
                let (label, detail) = box_text(path, *stop);
                json!({ "id": format!("{prefix}_{}", stop_id(*stop)), "text": mermaid_text(&format!("{label}<br/>{detail}")) })
            })
            .collect();
        let mut edges = Vec::new();
        for hop in &path.hops {
            let label = if hop.broken {
                format!("✕ {}", hop.wire.label())
            } else {
                hop.wire.label()
            };
            let arrow = match hop.wire {
                Wire::H2c => "-.->",
                Wire::InsideGateway => "-->",
                _ => "==>",
            };
            edges.push(json!({
                "from": format!("{prefix}_{}", stop_id(hop.from)),
                "to": format!("{prefix}_{}", stop_id(hop.to)),
                "arrow": arrow,
                "label": mermaid_text(&label),
            }));
            let css = match (&hop.wire, hop.broken) {
                (_, true) => "stroke:#cf222e,stroke-width:2px",
                (Wire::H2c, false) => "stroke:#9a6700,stroke-dasharray:6 4",
                (Wire::InsideGateway, false) => "stroke:#8a9099",
                _ => "stroke:#1a7f37,stroke-width:2px",
            };
            link_styles.push(json!({ "index": edge_index, "css": css }));
            edge_index += 1;
        }
        if path.facts.broken.is_some() {
            broken_nodes.push(format!("{prefix}_server"));
        }
        lanes.push(json!({ "id": prefix, "title": mermaid_text(&path.title), "nodes": nodes, "edges": edges }));
    }
    let ctx = json!({ "title": title, "lanes": lanes, "link_styles": link_styles, "broken_nodes": broken_nodes });
    render_template("diagram.mmd", &ctx)
}

/// Every string of an SVG context, escaped for XML text and attributes
/// (as an HTML-escaping template engine writes them: `/` too).
fn escape_markup(value: &mut Json) {
    match value {
        Json::String(text) => {
            let mut escaped = String::with_capacity(text.len());
            for ch in text.chars() {
                match ch {
                    '&' => escaped.push_str("&amp;"),
                    '<' => escaped.push_str("&lt;"),
                    '>' => escaped.push_str("&gt;"),
                    '"' => escaped.push_str("&quot;"),
                    '\'' => escaped.push_str("&#x27;"),
                    '/' => escaped.push_str("&#x2f;"),
                    _ => escaped.push(ch),
                }
            }
            *text = escaped;
        }
        Json::Array(items) => items.iter_mut().for_each(escape_markup),
        Json::Object(map) => map.values_mut().for_each(escape_markup),
        Json::Null | Json::Bool(_) | Json::Number(_) => {}
    }
}

/// What Mermaid shows inside quotes: no double quotes.
fn mermaid_text(text: &str) -> String {
    text.replace('"', "#quot;")
}

fn stop_id(stop: Stop) -> &'static str {
    match stop {
        Stop::Client => "client",
        Stop::Listener => "listener",
        Stop::Route => "route",
        Stop::Service => "service",
        Stop::Server => "server",
    }
}

/// The two lines of a box.
fn box_text(path: &TrafficPath, stop: Stop) -> (String, String) {
    let hosts = if path.hostnames.is_empty() {
        "any host".to_owned()
    } else {
        path.hostnames.join(", ")
    };
    match stop {
        Stop::Client => (
            if path.mode == Mode::Passthrough {
                "Client (SNI)"
            } else {
                "Client"
            }
            .to_owned(),
            hosts,
        ),
        Stop::Listener => {
            let existing = if path.provided_by.is_some() {
                " (existing)"
            } else {
                ""
            };
            let proxy = path.front.proxy();
            let detail = path.tls_mode.map_or_else(
                || format!("{proxy}, plaintext"),
                |mode| format!("{proxy}, {mode}"),
            );
            (
                format!("{} :{}{existing}", path.protocol, path.port),
                detail,
            )
        }
        Stop::Route => {
            let (kind, name) = path.route.split_once(' ').unwrap_or((&path.route, ""));
            (kind.to_owned(), name.to_owned())
        }
        Stop::Service => (
            "Service".to_owned(),
            path.service.trim_start_matches("Service ").to_owned(),
        ),
        Stop::Server => {
            let detail = path
                .server
                .trim_start_matches("OpenShell server ")
                .trim_matches(['(', ')'])
                .to_owned();
            ("OpenShell".to_owned(), detail)
        }
    }
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= BOX_CHARS {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(BOX_CHARS - 1).collect();
        format!("{cut}…")
    }
}

fn box_x(stop: Stop) -> u32 {
    let index = STOPS
        .iter()
        .position(|candidate| *candidate == stop)
        .unwrap_or(0);
    MARGIN + u32::try_from(index).unwrap_or(0) * (BOX_WIDTH + GAP)
}

/// Accumulates headings, lanes and the matrix while tracking the height.
struct Layout {
    id: &'static str,
    y: u32,
    headings: Vec<Json>,
    lanes: Vec<Json>,
    descriptions: Vec<String>,
}

impl Layout {
    fn new(id: &'static str) -> Self {
        Self {
            id,
            y: MARGIN,
            headings: Vec::new(),
            lanes: Vec::new(),
            descriptions: Vec::new(),
        }
    }

    fn heading(&mut self, text: &str) {
        self.y += 16;
        self.headings
            .push(json!({ "x": MARGIN, "y": self.y, "text": text }));
        self.descriptions.push(format!("{text}."));
        self.y += 12;
    }

    fn lane(&mut self, path: &TrafficPath, prefix: &str) {
        let title_y = self.y + 16;
        let box_y = title_y + 10;
        let line_y = box_y + BOX_HEIGHT / 2;
        let boxes: Vec<Json> = STOPS
            .iter()
            .map(|stop| {
                let (label, detail) = box_text(path, *stop);
                let x = box_x(*stop);
                json!({
                    "x": x, "y": box_y, "w": BOX_WIDTH, "h": BOX_HEIGHT,
                    "text_x": x + BOX_WIDTH / 2, "label_y": box_y + 20, "detail_y": box_y + 36,
                    "label": shorten(&label), "detail": shorten(&detail),
                    "tooltip": format!("{label}: {detail}"),
                    "assumed": *stop == Stop::Listener && path.provided_by.is_some(),
                })
            })
            .collect();
        let hops: Vec<Json> = path
            .hops
            .iter()
            .map(|hop| {
                let x1 = box_x(hop.from) + BOX_WIDTH;
                let x2 = box_x(hop.to);
                let (class, glyph, short) = match (&hop.wire, hop.broken) {
                    (_, true) => ("broken", "", "fails"),
                    (Wire::H2c, false) => ("plaintext", "open", "h2c"),
                    (Wire::InsideGateway, false) => ("inside", "", ""),
                    (Wire::TlsReencrypted { .. }, false) => ("encrypted", "lock", "new TLS"),
                    _ => ("encrypted", "lock", "TLS"),
                };
                json!({
                    "x1": x1, "x2": x2, "y": line_y, "mid": (x1 + x2) / 2,
                    "glyph_y": line_y - 9, "wire_y": line_y + 16,
                    "class": class, "glyph": glyph, "short": short, "broken": hop.broken,
                    "tooltip": hop.wire.label(),
                })
            })
            .collect();
        let tls_end_stop = match path.facts.tls_terminates_at {
            Termination::Gateway => Some(Stop::Listener),
            Termination::Server => Some(Stop::Server),
            Termination::Nowhere => None,
        };
        let tls_end = tls_end_stop.map(|stop| {
            let x = box_x(stop);
            json!({ "x": x - 6, "y": box_y - 4, "h": BOX_HEIGHT + 8, "text_x": x + BOX_WIDTH / 2, "text_y": box_y + BOX_HEIGHT + 12 })
        });
        let summary = path.facts.summary();
        let parts: Vec<&str> = summary.split(" · ").collect();
        let mut line_y = box_y + BOX_HEIGHT + 28;
        let mut facts = Vec::new();
        for chunk in [&parts[..parts.len().min(3)], &parts[parts.len().min(3)..]] {
            if !chunk.is_empty() {
                facts.push(json!({ "y": line_y, "text": chunk.join(" · ") }));
                line_y += 14;
            }
        }
        if let Some(certificates) = &path.facts.edge_certificates
            && !certificates.is_empty()
        {
            facts.push(json!({ "y": line_y, "text": format!("edge certificate: {}", certificates.join(", ")) }));
            line_y += 14;
        }
        if let Some(Wire::TlsReencrypted { sni, ca }) = path.hops.last().map(|hop| &hop.wire) {
            facts.push(json!({ "y": line_y, "text": format!("re-encrypted with SNI {sni}, server certificate checked against {ca}") }));
            line_y += 14;
        }
        let broken = path.facts.broken.as_ref().map(|reason| {
            let lane_broken = json!({ "y": line_y, "text": reason });
            line_y += 14;
            lane_broken
        });
        self.descriptions.push(format!(
            "{}: client, {}, {}, {}, {}. Hops: {}. {}. {}",
            path.title,
            path.listener,
            path.route,
            path.service,
            path.server,
            path.hops
                .iter()
                .map(|hop| hop.wire.label())
                .collect::<Vec<_>>()
                .join(", then "),
            summary,
            path.facts.broken.as_ref().map_or_else(
                || "It works.".to_owned(),
                |reason| format!("It does not work: {reason}.")
            ),
        ));
        self.lanes.push(json!({
            "id": format!("{prefix}{}", path.id), "x": MARGIN, "title_y": title_y, "title": path.title,
            "boxes": boxes, "hops": hops, "tls_end": tls_end, "facts": facts, "broken": broken,
        }));
        self.y = line_y + 8;
    }

    fn matrix(&mut self, controller: Option<Controller>) -> Json {
        let first_column = 210;
        let column = (WIDTH - 2 * MARGIN - first_column) / 4;
        let mut cells = Vec::new();
        let mut rules = Vec::new();
        let mut y = self.y + 14;
        cells.push(json!({ "x": MARGIN, "y": y, "text": "Capability", "class": "", "bold": true }));
        for (index, mode) in (0u32..).zip(Mode::ALL) {
            // Two lines, so long mode names never run into the next column.
            let (first, second) = mode
                .name()
                .split_once(" + ")
                .map_or((mode.name(), ""), |(first, second)| (first, second));
            let x = MARGIN + first_column + index * column;
            cells.push(json!({ "x": x, "y": y, "text": if second.is_empty() { first.to_owned() } else { format!("{first} +") }, "class": "", "bold": true }));
            cells.push(json!({ "x": x, "y": y + 12, "text": second, "class": "", "bold": true }));
        }
        y += 12;
        rules.push(json!({ "x1": MARGIN, "x2": WIDTH - MARGIN, "y": y + 6 }));
        for capability in capabilities(controller) {
            y += 26;
            cells.push(
                json!({ "x": MARGIN, "y": y, "text": capability.name, "class": "", "bold": false }),
            );
            let mut words = vec![capability.name.to_owned()];
            for (index, mode) in (0u32..).zip(Mode::ALL) {
                let (support, note) = capability.of(mode);
                let class = match support {
                    Support::Yes => "yes",
                    Support::No => "no",
                    Support::NotApplicable => "na",
                };
                let x = MARGIN + first_column + index * column;
                cells.push(json!({ "x": x, "y": y, "text": support.label(), "class": class, "bold": false }));
                if !note.is_empty() {
                    cells.push(
                        json!({ "x": x, "y": y + 11, "text": note, "class": "na", "bold": false }),
                    );
                }
                words.push(format!(
                    "{}: {}{}",
                    mode.name(),
                    support.label().trim_start_matches(['✓', '✕', '—', ' ']),
                    if note.is_empty() {
                        String::new()
                    } else {
                        format!(" ({note})")
                    }
                ));
            }
            self.descriptions.push(format!("{}.", words.join("; ")));
            rules.push(json!({ "x1": MARGIN, "x2": WIDTH - MARGIN, "y": y + 15 }));
        }
        self.y = y + 24;
        json!({ "cells": cells, "rules": rules })
    }

    fn finish(self, title: &str, matrix: Option<Json>) -> String {
        let ctx = json!({
            "id": self.id, "width": WIDTH, "height": self.y + MARGIN, "title": title,
            "desc": self.descriptions.join(" "), "headings": self.headings, "lanes": self.lanes, "matrix": matrix,
        });
        let mut ctx = ctx;
        escape_markup(&mut ctx);
        render_template("diagram.svg", &ctx)
    }
}
