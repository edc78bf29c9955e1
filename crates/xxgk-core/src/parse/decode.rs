//! Bytes → text: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK.
//! Binary input (PDF, Office zip, images, anything with NULs) is refused.

use super::ParseError;

pub fn decode(bytes: &[u8]) -> Result<String, ParseError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ParseError::Empty);
    }
    if let Some(kind) = binary_signature(bytes) {
        return Err(ParseError::Binary(kind.to_string()));
    }
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        String::from_utf8_lossy(rest).into_owned()
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let enc = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, _, _) = enc.decode(bytes);
        text.into_owned()
    } else if bytes.contains(&0) {
        return Err(ParseError::Binary("NUL bytes".into()));
    } else {
        // Checked with SIMD: std's check goes a byte at a time through
        // Chinese text, and every report passes here.
        match simdutf8::basic::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => {
                let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
                if had_errors {
                    return Err(ParseError::Encoding);
                }
                text.into_owned()
            }
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.trim_start_matches('\u{feff}').to_string(),
        None => text,
    };
    if looks_binary(text.as_bytes()) {
        return Err(ParseError::Binary("control characters".into()));
    }
    Ok(text)
}

fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (
            b"%PDF",
            "a PDF document; extract its text first (e.g. pdftotext -layout)",
        ),
        (b"PK\x03\x04", "a zip archive, not a Word .docx"),
        (
            b"\xD0\xCF\x11\xE0",
            "an Office compound file (.doc/.wps/.xls), not text",
        ),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"\x7FELF", "an executable"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"{\\rtf", "an RTF document; convert it to text first"),
    ];
    SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, kind)| *kind)
}

/// Text with many control characters or replacement characters is not a report.
/// Counted on bytes (multi-byte characters never contain control bytes).
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    // U+FFFD is EF BF BD in UTF-8.
    let replaced = memchr::memmem::find_iter(sample, "\u{fffd}".as_bytes()).count();
    let chars = sample
        .iter()
        .filter(|&&b| (b & 0xC0) != 0x80)
        .count()
        .max(1);
    (control + replaced) * 20 > chars
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_bytes_decode() {
        let (bytes, _, _) = encoding_rs::GBK.encode("一、总体情况");
        assert_eq!(decode(&bytes).unwrap(), "一、总体情况");
    }

    #[test]
    fn bom_is_stripped() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice("总体情况".as_bytes());
        assert_eq!(decode(&bytes).unwrap(), "总体情况");
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "报告".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&bytes).unwrap(), "报告");
    }

    #[test]
    fn refuses_binary_and_empty() {
        assert!(matches!(decode(b""), Err(ParseError::Empty)));
        assert!(matches!(decode(b" \n\t"), Err(ParseError::Empty)));
        assert!(matches!(
            decode(b"%PDF-1.7\n..."),
            Err(ParseError::Binary(_))
        ));
        assert!(matches!(decode(b"abc\0def"), Err(ParseError::Binary(_))));
        let noise: Vec<u8> = (0u8..32).cycle().take(400).filter(|b| *b != 0).collect();
        assert!(decode(&noise).is_err());
    }
}
