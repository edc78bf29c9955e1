//! What ends a command early, and the command's standard output.
//!
//! Commands return an [`Error`] instead of printing it and exiting: `main`
//! prints it, once, as one line on stderr, and exits with
//! [`Error::exit_code`]; a closed stdout ([`Error::is_broken_pipe`], as with
//! `xxgk export | head`) ends quietly with status 0. Reports that do not end
//! a command (a file among many that could not be read) are printed where
//! they happen, with [`report`].

use std::fmt::Display;
use std::io::{self, Write};
use std::process::ExitCode;

use crate::corpus::export::ExportError;
use crate::corpus::CorpusError;
use crate::index::search::SearchError;
use crate::index::IndexError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Writing to stdout failed (the CLI does no other I/O of its own).
    #[error("stdout: {0}")]
    Stdout(#[from] io::Error),
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    #[error(transparent)]
    Search(#[from] SearchError),
    /// Writing the export failed.
    #[error("export: {0}")]
    Export(io::Error),
    /// The TUI could not set up or draw on the terminal.
    #[error("terminal: {0}")]
    Terminal(io::Error),
    /// An argument that cannot be used (exit 2).
    #[error("{0}")]
    Usage(String),
    /// The reviews file could not be read or written.
    #[error("{0}")]
    Reviews(String),
}

impl From<ExportError> for Error {
    fn from(e: ExportError) -> Self {
        match e {
            ExportError::Corpus(e) => Error::Corpus(e),
            ExportError::Io(e) => Error::Export(e),
        }
    }
}

impl From<csv::Error> for Error {
    fn from(e: csv::Error) -> Self {
        match e.into_kind() {
            csv::ErrorKind::Io(e) => Error::Stdout(e),
            other => Error::Stdout(io::Error::other(format!("{other:?}"))),
        }
    }
}

impl Error {
    /// 2 for a query or a body name that cannot be used (a usage error), 1
    /// for anything else.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Error::Corpus(
                CorpusError::Body(_) | CorpusError::NoCommonYear(_) | CorpusError::UnknownMetric(_),
            )
            | Error::Search(
                SearchError::Query(_) | SearchError::Body(_) | SearchError::NoRegion(_),
            )
            | Error::Usage(_) => ExitCode::from(2),
            _ => ExitCode::from(1),
        }
    }

    /// Whether stdout was closed by its reader (`| head`): not an error.
    pub fn is_broken_pipe(&self) -> bool {
        match self {
            Error::Stdout(e) | Error::Export(e) => e.kind() == io::ErrorKind::BrokenPipe,
            _ => false,
        }
    }
}

/// A command's standard output: locked and buffered, written out every few
/// kilobytes (so long exports stream) and flushed by [`finish`].
pub type Out = io::BufWriter<io::StdoutLock<'static>>;

pub fn stdout() -> Out {
    io::BufWriter::new(io::stdout().lock())
}

/// Flushes `out`, so that a write error is returned rather than lost on drop.
pub fn finish(mut out: Out) -> Result<ExitCode, Error> {
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// One line on stderr; a stderr that cannot be written to is ignored.
pub fn report(message: impl Display) {
    let _ = writeln!(io::stderr().lock(), "{message}");
}
