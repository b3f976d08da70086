//! Builds Warta's CJK dictionary: lindera's format, from Debian's
//! mecab-ipadic sources, with lindera's own builder.
//!
//! ```text
//! cargo run --release -p warta-analysis --features cjk --example build_cjk_dict -- \
//!     /usr/share/mecab/dic/ipadic index/cjk-dict
//! ```
//!
//! Normally run through `scripts/build-cjk-dict.sh`, which installs the
//! sources and skips the build when the dictionary is already there.

use std::path::PathBuf;
use std::process::ExitCode;
use warta_analysis::cjk::CjkSegmenter;

fn main() -> ExitCode {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [source, out] = args.as_slice() else {
        eprintln!("usage: build_cjk_dict <mecab-ipadic source dir> <output dir>");
        return ExitCode::from(2);
    };
    let started = std::time::Instant::now();
    if let Err(e) = CjkSegmenter::build_ipadic(source, out) {
        eprintln!("{e}");
        return ExitCode::FAILURE;
    }
    // Check the result loads before anyone relies on it.
    match CjkSegmenter::from_dir(out) {
        Ok(segmenter) => {
            let sample = "東京都に住んでいます";
            let words: Vec<&str> = segmenter
                .segment(sample)
                .into_iter()
                .map(|(a, b)| &sample[a..b])
                .collect();
            println!(
                "built {} in {:.1}s; {sample} → {}",
                out.display(),
                started.elapsed().as_secs_f64(),
                words.join(" | ")
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("built, but it does not load: {e}");
            ExitCode::FAILURE
        }
    }
}
