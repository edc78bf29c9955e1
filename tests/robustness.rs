//! No input makes the parser panic: random bytes, truncated and shuffled reports
//! all end in a report or a clean error.

use proptest::prelude::*;

fn seeds() -> Vec<Vec<u8>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<Vec<u8>> = std::fs::read_dir(dir.join("sample-data"))
        .unwrap()
        .chain(std::fs::read_dir(dir.join("tests/fixtures")).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    files.sort();
    files
}

fn parse_any(name: &str, bytes: &[u8]) {
    // Ok or Err are both fine; a panic fails the test.
    let _ = xxgk_core::read_bytes(name, bytes);
}

/// The Word fixture's parts, to be mutated and zipped again.
fn docx_parts() -> Vec<(String, Vec<u8>)> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docx_2023.docx");
    let bytes = std::fs::read(path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut data).unwrap();
            (f.name().unwrap().to_string(), data)
        })
        .collect()
}

fn zipped(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, data) in parts {
        zip.start_file(name.as_str(), options).unwrap();
        std::io::Write::write_all(&mut zip, data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    /// A PDF with bytes overwritten anywhere (object headers, streams, the
    /// xref): a report, or an error that says why; never a panic.
    #[test]
    fn mutated_pdfs(edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8), which in 0usize..2) {
        let name = ["pdf_2024_ttf.pdf", "pdf_2024_cid.pdf"][which];
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
        let mut bytes = std::fs::read(path).unwrap();
        for (at, b) in edits {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        match xxgk_core::read_bytes("mutated.pdf", &bytes) {
            Ok(r) => prop_assert_eq!(r.source, "mutated.pdf"),
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    /// The Word 97 fixture with bytes overwritten anywhere (the compound
    /// file's sectors and directory, the FIB, the piece table, the FKPs): a
    /// report, or an error that says why; never a panic.
    #[test]
    fn mutated_word_97_documents(edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/doc_2023.doc");
        let mut bytes = std::fs::read(path).unwrap();
        for (at, b) in edits {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        match xxgk_core::read_bytes("mutated.doc", &bytes) {
            Ok(r) => prop_assert_eq!(r.source, "mutated.doc"),
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    /// document.xml with junk spliced in or a stretch cut out, zipped again:
    /// a report, or an error that says why; never a panic.
    #[test]
    fn mutated_word_documents(pos in any::<prop::sample::Index>(), cut in 0usize..400, junk in "[<>/=\"&; a-z:0-9一、]{0,12}") {
        let mut parts = docx_parts();
        let doc = parts.iter_mut().find(|(n, _)| n == "word/document.xml").unwrap();
        let at = pos.index(doc.1.len());
        let end = (at + cut).min(doc.1.len());
        doc.1.splice(at..end, junk.bytes());
        match xxgk_core::read_bytes("mutated.docx", &zipped(&parts)) {
            Ok(r) => prop_assert_eq!(r.source, "mutated.docx"),
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    #[test]
    fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        parse_any("random.txt", &bytes);
        parse_any("random.html", &bytes);
    }

    #[test]
    fn random_text(text in "\\PC{0,2000}") {
        parse_any("random.txt", text.as_bytes());
    }

    #[test]
    fn truncated_reports(which in 0usize..12, cut in 0.0f64..1.0) {
        let files = seeds();
        let bytes = &files[which % files.len()];
        let end = (bytes.len() as f64 * cut) as usize;
        // Truncation may split a UTF-8 sequence: that is part of the test.
        parse_any("truncated.txt", &bytes[..end]);
        parse_any("truncated.html", &bytes[..end]);
    }

    #[test]
    fn shuffled_lines(which in 0usize..12, seed in any::<u64>()) {
        let files = seeds();
        let text = String::from_utf8_lossy(&files[which % files.len()]).into_owned();
        let mut lines: Vec<&str> = text.lines().collect();
        // A small deterministic shuffle driven by the seed.
        let mut state = seed | 1;
        for i in (1..lines.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            lines.swap(i, (state % (i as u64 + 1)) as usize);
        }
        parse_any("shuffled.txt", lines.join("\n").as_bytes());
    }

    #[test]
    fn mutated_table_cells(which in 0usize..12, pos in any::<prop::sample::Index>(), junk in "[|\t\n 0-9—（）、.]{1,8}") {
        let files = seeds();
        let text = String::from_utf8_lossy(&files[which % files.len()]).into_owned();
        let chars: Vec<char> = text.chars().collect();
        let at = pos.index(chars.len().max(1));
        let mutated: String = chars[..at.min(chars.len())].iter().collect::<String>() + &junk + &chars[at.min(chars.len())..].iter().collect::<String>();
        parse_any("mutated.txt", mutated.as_bytes());
    }
}

#[test]
fn bad_inputs_get_clear_errors() {
    use xxgk_core::{parse::ParseError, read_bytes as parse_bytes};
    assert!(matches!(
        parse_bytes("empty.txt", b""),
        Err(ParseError::Empty)
    ));
    let pdf = parse_bytes("r.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj");
    assert!(matches!(&pdf, Err(ParseError::Pdf(reason)) if reason.contains("PDF")));
    let zip = parse_bytes("r.docx", b"PK\x03\x04\x14\x00\x06\x00");
    assert!(matches!(zip, Err(ParseError::Binary(_))));
    let ole = parse_bytes("r.doc", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0");
    assert!(
        matches!(&ole, Err(ParseError::Doc(reason)) if reason.contains(".doc")),
        "{ole:?}"
    );
    let garbage = parse_bytes("g.txt", b"lorem ipsum dolor sit amet\n1 2 3\n");
    assert!(matches!(garbage, Err(ParseError::NotAReport)));
    let msg = ParseError::NotAReport.to_string();
    assert!(msg.contains("no report"), "{msg}");
}
