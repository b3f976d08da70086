//! Warta's HTTP service: the JSON API and the server-rendered search page,
//! over one [`SearchBackend`](warta_search::SearchBackend) (the embedded
//! index or a cluster; the handlers and templates never know which).
//!
//! Handlers are thin: typed parameters ([`params::Params`]) become a
//! [`SearchRequest`](warta_search::SearchRequest), which runs on a
//! blocking thread, and JSON or HTML is rendered from the results. Errors
//! map to HTTP statuses in one table ([`error::ErrorCode`]).

pub mod api;
pub mod error;
mod export;
mod limits;
mod openapi;
pub mod page;
pub mod params;
mod state;
mod timeline;

pub use state::AppState;

use axum::Router;
use std::net::SocketAddr;
use tokio::net::TcpListener;

/// Why the service could not start or stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// Binding or serving failed.
    #[error("serving on {addr}: {source}")]
    Io {
        /// The address.
        addr: SocketAddr,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

/// The whole application: API, page, static files, limits and headers.
pub fn app(state: AppState) -> Router {
    let routes = api::routes().merge(openapi::routes()).merge(page::routes());
    limits::apply(routes.with_state(state))
}

/// Serves `state` on `addr` until Ctrl-C or SIGTERM, finishing requests
/// in flight before returning.
pub async fn serve(state: AppState, addr: SocketAddr) -> Result<(), ServeError> {
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|source| ServeError::Io { addr, source })?;
    let local = listener
        .local_addr()
        .map_err(|source| ServeError::Io { addr, source })?;
    tracing::info!(
        "serving {} articles on http://{local}/",
        state.backend.num_docs().unwrap_or(0),
    );
    serve_on(listener, state, shutdown_signal())
        .await
        .map_err(|source| ServeError::Io {
            addr: local,
            source,
        })
}

/// Longest a client may take to send a request's headers (and longest an
/// idle keep-alive connection is held); slower clients are disconnected,
/// so they can neither pin connections nor hold up a graceful shutdown.
pub const HEADER_READ_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Serves `state` on an already bound listener until `shutdown` completes
/// (tests bind an ephemeral port and pass their own shutdown future), then
/// stops accepting and waits for the requests in flight.
///
/// Each connection gets [`HEADER_READ_TIMEOUT`] to send its headers, which
/// `axum::serve` does not set (it has no timer), so this is its own accept
/// loop on hyper.
pub async fn serve_on(
    listener: TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
    use hyper_util::server::conn::auto::Builder;
    use hyper_util::server::graceful::GracefulShutdown;
    use hyper_util::service::TowerToHyperService;

    let app = app(state);
    // HTTP/1 only: sniffing for HTTP/2 would wait for a first byte
    // without any timeout, so a client that sends nothing is held.
    let mut builder = Builder::new(TokioExecutor::new()).http1_only();
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT);
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(err) => {
                    // Out of file descriptors and the like: wait, don't spin.
                    tracing::warn!("accepting a connection failed: {err}");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = TowerToHyperService::new(app.clone());
        let connection = builder
            .serve_connection(TokioIo::new(stream), service)
            .into_owned();
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(err) = connection.await {
                tracing::debug!("connection ended with an error: {err}");
            }
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
