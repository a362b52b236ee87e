//! A static file server for the built playground (`dist/`), on loopback
//! only. `cargo xtask serve` and the browser test both use it, so the page is
//! served the same way in both.

use std::fs;
use std::path::{Component, Path, PathBuf};
use std::thread::JoinHandle;

use tiny_http::{Header, Response, Server};

/// A running server; stops when dropped.
pub struct StaticSite {
    server: std::sync::Arc<Server>,
    thread: Option<JoinHandle<()>>,
    port: u16,
    /// Every request served: its URL and status.
    log: std::sync::Arc<std::sync::Mutex<Vec<(String, u16)>>>,
}

impl StaticSite {
    /// Serve `root` on 127.0.0.1:`port` (0 picks a free port).
    ///
    /// # Errors
    /// When the port cannot be bound.
    pub fn start(root: &Path, port: u16) -> Result<Self, String> {
        let server = Server::http(("127.0.0.1", port))
            .map_err(|error| format!("cannot listen on 127.0.0.1:{port}: {error}"))?;
        let port = server
            .server_addr()
            .to_ip()
            .map_or(port, |address| address.port());
        let server = std::sync::Arc::new(server);
        let worker = std::sync::Arc::clone(&server);
        let root = root.to_path_buf();
        let log = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let served = std::sync::Arc::clone(&log);
        let thread = std::thread::spawn(move || {
            for request in worker.incoming_requests() {
                let response = match resolve(&root, request.url()) {
                    Some(path) => match fs::read(&path) {
                        Ok(bytes) => Response::from_data(bytes).with_header(content_type(&path)),
                        Err(_) => Response::from_data(b"not found".to_vec()).with_status_code(404),
                    },
                    None => Response::from_data(b"not found".to_vec()).with_status_code(404),
                };
                if let Ok(mut log) = served.lock() {
                    log.push((request.url().to_owned(), response.status_code().0));
                }
                let _ = request.respond(response);
            }
        });
        Ok(Self {
            server,
            thread: Some(thread),
            port,
            log,
        })
    }

    /// The page's URL.
    #[must_use]
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// Every request served so far: its URL and status.
    #[must_use]
    pub fn requests(&self) -> Vec<(String, u16)> {
        self.log.lock().map(|log| log.clone()).unwrap_or_default()
    }

    /// Block until the process is interrupted.
    pub fn wait(mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for StaticSite {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Map a URL path to a file under `root`, refusing anything that climbs out.
fn resolve(root: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let relative = Path::new(path.trim_start_matches('/'));
    if relative
        .components()
        .any(|component| !matches!(component, Component::Normal(_)))
    {
        return None;
    }
    let mut full = root.join(relative);
    if full.is_dir() {
        full = full.join("index.html");
    }
    full.is_file().then_some(full)
}

fn content_type(path: &Path) -> Header {
    let mime = match path.extension().and_then(|extension| extension.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    };
    Header::from_bytes("Content-Type", mime).expect("static header is valid")
}
