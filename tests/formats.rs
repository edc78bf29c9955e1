//! Reports as offices publish them, not as text: Word documents (.docx) made
//! by `tests/fixtures/make/make_docx.py` for a body and year none of the seeds
//! has, with Word's merged cells and list numbering. Every cell is asserted.

mod common;

use common::*;
use xxgk_core::model::{Format, Template};

#[test]
fn a_word_report_reads_with_its_merged_tables_and_numbered_headings() {
    let r = parse("tests/fixtures/docx_2023.docx");
    assert_eq!(
        r.body.as_deref(),
        Some("宁夏回族自治区银川市兴庆区卫生健康局")
    );
    assert_eq!(
        r.body_id.as_deref(),
        Some("宁夏回族自治区/银川市/兴庆区/卫生健康局")
    );
    assert_eq!(r.year, Some(2023));
    assert_eq!(r.template, Template::T2021);
    assert_eq!(r.format, Format::Docx);
    // The headings' "一、" … "六、" are Word's numbering, not their text.
    let numbers: Vec<u8> = r.sections.iter().map(|s| s.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6]);
    assert!(r.sections[0].text.contains("主动公开政府信息186条"));
    // The deleted revision is not text.
    assert!(!r.preamble.contains("草稿"), "{}", r.preamble);
    assert_requests(
        &r,
        &rows_2021(&[
            ("new_received", "41 6 0 1 2 0 50"),
            ("carried_over", "3 0 0 0 0 0 3"),
            ("granted", "20 3 0 1 1 0 25"),
            ("partially_granted", "4 1 0 0 0 0 5"),
            ("denied.security_stability", "1 0 0 0 0 0 1"),
            ("denied.process_info", "1 0 0 0 0 0 1"),
            ("unavailable.not_held", "9 1 0 0 1 0 11"),
            ("unavailable.needs_creation", "2 0 0 0 0 0 2"),
            ("not_processed.petition", "3 0 0 0 0 0 3"),
            ("not_processed.duplicate", "1 0 0 0 0 0 1"),
            ("other_processing.no_correction", "1 0 0 0 0 0 1"),
            ("total", "42 5 0 1 2 0 50"),
            ("carried_forward", "2 1 0 0 0 0 3"),
        ]),
    );
    assert_appeals(&r, "1 0 0 0 1 0 1 0 0 1 0 0 0 0 0");
    assert_active(
        &r,
        &[
            ("regulations.issued", Some(0.0)),
            ("regulations.repealed", Some(0.0)),
            ("regulations.in_force", Some(0.0)),
            ("normative_documents.issued", Some(2.0)),
            ("normative_documents.repealed", Some(1.0)),
            ("normative_documents.in_force", Some(9.0)),
            ("licensing.decisions", Some(1204.0)),
            ("penalty.decisions", Some(37.0)),
            ("coercion.decisions", None),
            ("fees.amount", Some(12.5)),
        ],
    );
    // Every number says where it was read.
    for key in r.stats.keys() {
        assert!(r.evidence.get(key).is_some(), "no evidence for {key}");
    }
    let row = r.evidence.get("requests.new_received.total").unwrap();
    assert!(
        row.text.contains("一、本年新收政府信息公开申请数量"),
        "{row:?}"
    );
    assert!(row.text.contains("| 50 |"), "{row:?}");
    // And which cell: [table, row, column] of the Word table's grid, spans
    // expanded (table 3 is the document's second table; its header takes
    // three rows; 总计 is the tenth column after three label columns).
    assert_eq!(
        r.evidence.cell("requests.new_received.total"),
        Some([1, 3, 9])
    );
    assert_eq!(
        r.evidence.cell("requests.total.commercial"),
        Some([1, 26, 4])
    );
    assert_eq!(r.evidence.cell("review.total"), Some([2, 3, 4]));
    for key in r.stats.keys() {
        assert!(r.evidence.cell(key).is_some(), "no cell for {key}");
    }
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(
        json["evidence"]["review.total"]["cell"],
        serde_json::json!([2, 3, 4])
    );
    let fees = r.evidence.get("active.fees.amount").unwrap();
    assert!(fees.text.contains("12.5"), "{fees:?}");
    // The placeholder — is blank, and the only finding says so.
    assert_eq!(
        rules(&r),
        [(
            "cell.missing".to_string(),
            vec!["active.coercion.decisions".to_string()]
        )]
    );
}

#[test]
fn damaged_word_files_fail_with_a_reason() {
    let bytes = std::fs::read(root().join("tests/fixtures/docx_2023.docx")).unwrap();
    // Cut anywhere: an error or a partial report, never a panic.
    for cut in (0..bytes.len()).step_by(997) {
        match xxgk_core::read_bytes("cut.docx", &bytes[..cut]) {
            Err(e) => assert!(!e.to_string().is_empty()),
            Ok(r) => assert_eq!(r.source, "cut.docx"),
        }
    }
    let err = xxgk_core::read_bytes("cut.docx", &bytes[..bytes.len() / 2]).unwrap_err();
    assert!(err.to_string().contains(".docx"), "{err}");
}

/// The same report saved by LibreOffice as Word 97 .doc
/// (tests/fixtures/make/make_doc.sh) reads to the same report as the .docx:
/// every statistic, the body, year, template, headings (Word's list
/// numbering), evidence and findings; the deleted revision is left out here too.
#[test]
fn a_word_97_report_reads_as_its_docx_does() {
    let docx = parse("tests/fixtures/docx_2023.docx");
    let doc = parse("tests/fixtures/doc_2023.doc");
    assert_eq!(doc.format, Format::Doc);
    assert_eq!(doc.format.as_str(), "doc");
    assert_eq!(doc.stats, docx.stats);
    assert!(doc.stats.len() > 100, "{}", doc.stats.len());
    assert_eq!(doc.body, docx.body);
    assert_eq!(doc.body_id, docx.body_id);
    assert_eq!(doc.year, Some(2023));
    assert_eq!(doc.template, Template::T2021);
    assert_eq!(doc.template, docx.template);
    let numbers: Vec<u8> = doc.sections.iter().map(|s| s.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6]);
    assert_eq!(doc.sections, docx.sections);
    assert!(!doc.preamble.contains("草稿"), "{}", doc.preamble);
    assert_eq!(rules(&doc), rules(&docx));
    for key in doc.stats.keys() {
        assert_eq!(
            doc.evidence.get(key).map(|r| (r.line, &r.text)),
            docx.evidence.get(key).map(|r| (r.line, &r.text)),
            "{key}"
        );
    }
    // Kingsoft's .wps is the same format: read by its bytes, not its name.
    let bytes = std::fs::read(root().join("tests/fixtures/doc_2023.doc")).unwrap();
    let wps = xxgk_core::read_bytes("report.wps", &bytes).unwrap();
    assert_eq!(wps.format, Format::Doc);
    assert_eq!(wps.stats, docx.stats);
}

#[test]
fn damaged_word_97_files_fail_with_a_reason() {
    let bytes = std::fs::read(root().join("tests/fixtures/doc_2023.doc")).unwrap();
    for cut in (0..bytes.len()).step_by(997) {
        match xxgk_core::read_bytes("cut.doc", &bytes[..cut]) {
            Err(e) => assert!(!e.to_string().is_empty()),
            Ok(r) => assert_eq!(r.source, "cut.doc"),
        }
    }
    let err = xxgk_core::read_bytes("cut.doc", &bytes[..bytes.len() / 2]).unwrap_err();
    assert!(matches!(err, xxgk_core::parse::ParseError::Doc(_)), "{err}");
    assert!(err.to_string().contains(".doc"), "{err}");
}

/// Every cell of the PDF fixtures' report (tests/fixtures/make/make_pdf.py).
fn assert_pdf_report(rel: &str) {
    let r = parse(rel);
    assert_eq!(r.format, Format::Pdf, "{rel}");
    assert_eq!(
        r.body.as_deref(),
        Some("黑龙江省哈尔滨市道里区人力资源和社会保障局"),
        "{rel}"
    );
    assert_eq!(r.year, Some(2024), "{rel}");
    assert_eq!(r.template, Template::T2021, "{rel}");
    let numbers: Vec<u8> = r.sections.iter().map(|s| s.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6], "{rel}");
    assert!(
        r.sections[0].text.contains("主动公开政府信息312条"),
        "{rel}"
    );
    // Table 3 runs onto the next page, under its header drawn again there.
    assert_requests(
        &r,
        &rows_2021(&[
            ("new_received", "73 9 1 0 2 1 86"),
            ("carried_over", "4 1 0 0 0 0 5"),
            ("granted", "35 4 1 0 1 0 41"),
            ("partially_granted", "7 1 0 0 0 0 8"),
            ("denied.prohibited_by_law", "1 0 0 0 0 0 1"),
            ("denied.third_party", "2 0 0 0 0 0 2"),
            ("denied.process_info", "1 1 0 0 0 0 2"),
            ("unavailable.not_held", "18 2 0 0 1 1 22"),
            ("unavailable.needs_creation", "3 0 0 0 0 0 3"),
            ("unavailable.unclear", "1 0 0 0 0 0 1"),
            ("not_processed.petition", "4 0 0 0 0 0 4"),
            ("not_processed.duplicate", "2 0 0 0 0 0 2"),
            ("other_processing.no_correction", "1 0 0 0 0 0 1"),
            ("total", "75 8 1 0 2 1 87"),
            ("carried_forward", "2 2 0 0 0 0 4"),
        ]),
    );
    assert_appeals(&r, "2 1 0 0 3 1 0 0 1 2 0 0 0 0 0");
    assert_active(
        &r,
        &[
            ("regulations.issued", Some(0.0)),
            ("regulations.repealed", Some(0.0)),
            ("regulations.in_force", Some(0.0)),
            ("normative_documents.issued", Some(3.0)),
            ("normative_documents.repealed", Some(0.0)),
            ("normative_documents.in_force", Some(14.0)),
            ("licensing.decisions", Some(2318.0)),
            ("penalty.decisions", Some(6.0)),
            ("coercion.decisions", Some(0.0)),
            ("fees.amount", Some(0.0)),
        ],
    );
    assert!(r.findings.is_empty(), "{rel}: {:?}", r.findings);
    for key in r.stats.keys() {
        assert!(
            r.evidence.get(key).is_some(),
            "{rel}: no evidence for {key}"
        );
    }
    // Page numbers in the footer are not text.
    assert!(!r.other_text.contains("- 1 -"), "{rel}");
}

#[test]
fn a_pdf_with_an_embedded_truetype_subset_and_tounicode() {
    assert_pdf_report("tests/fixtures/pdf_2024_ttf.pdf");
}

#[test]
fn a_pdf_with_a_non_embedded_cid_font_and_no_tounicode() {
    // STSong-Light, UniGB-UCS2-H: the codes are UCS-2.
    assert_pdf_report("tests/fixtures/pdf_2024_cid.pdf");
}

#[test]
fn a_pdf_encrypted_with_an_empty_user_password_opens() {
    assert_pdf_report("tests/fixtures/pdf_2024_encrypted.pdf");
}

#[test]
fn a_pdf_drawn_turned_on_rotated_pages_reads_upright() {
    assert_pdf_report("tests/fixtures/pdf_2024_rotated.pdf");
}

#[test]
fn a_scanned_pdf_says_to_ocr_it() {
    let err = xxgk_core::read_file(&root().join("tests/fixtures/pdf_scan.pdf")).unwrap_err();
    assert!(err.to_string().contains("no text layer"), "{err}");
}

#[test]
fn damaged_pdfs_fail_with_a_reason() {
    let bytes = std::fs::read(root().join("tests/fixtures/pdf_2024_ttf.pdf")).unwrap();
    for cut in (0..bytes.len()).step_by(1499) {
        match xxgk_core::read_bytes("cut.pdf", &bytes[..cut]) {
            Err(e) => assert!(!e.to_string().is_empty()),
            Ok(r) => assert_eq!(r.source, "cut.pdf"),
        }
    }
    // An xref that points at itself, a page tree that loops.
    let looping = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [2 0 R] /Count 1 >> endobj\nxref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \ntrailer << /Root 1 0 R /Size 3 /Prev 0 >>\nstartxref\n0\n%%EOF";
    assert!(xxgk_core::read_bytes("loop.pdf", looping).is_err());
}

/// tests/fixtures/make/make_pdf_gbk.py: a CID font with the predefined CMap
/// GBK-EUC-H and no ToUnicode, headings in a Type 3 font, and zeros left
/// blank in the middle of ruled rows, so that only a number's place says
/// which column it is.
#[test]
fn a_pdf_in_gbk_codes_with_type3_headings_and_blank_cells() {
    let r = parse("tests/fixtures/pdf_2023_gbk.pdf");
    assert_eq!(r.format, Format::Pdf);
    assert_eq!(r.body.as_deref(), Some("浙江省温州市瓯海区娄桥街道办事处"));
    assert_eq!(r.year, Some(2023));
    assert_eq!(r.template, Template::T2021);
    // The headings are drawn in the Type 3 font.
    let numbers: Vec<u8> = r.sections.iter().map(|s| s.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6]);
    assert!(r.sections[0].text.contains("主动公开政府信息95条"));
    assert!(r.sections[4].text.contains("信息发布提醒制度"));
    assert_requests(
        &r,
        &rows_2021(&[
            ("new_received", "27 3 _ 1 _ _ 31"),
            ("carried_over", "2 _ _ _ _ _ 2"),
            ("granted", "12 1 _ 1 _ _ 14"),
            ("partially_granted", "3 _ _ _ _ _ 3"),
            ("denied.third_party", "_ 1 _ _ _ _ 1"),
            ("unavailable.not_held", "9 1 _ _ _ _ 10"),
            ("unavailable.needs_creation", "1 _ _ _ _ _ 1"),
            ("not_processed.petition", "2 _ _ _ _ _ 2"),
            ("total", "27 3 _ 1 _ _ 31"),
            ("carried_forward", "2 _ _ _ _ _ 2"),
        ]),
    );
    assert_appeals(&r, "1 _ _ _ 1 _ _ _ 1 1 _ _ _ _ _");
    assert_active(
        &r,
        &[
            ("regulations.issued", Some(0.0)),
            ("regulations.repealed", Some(0.0)),
            ("regulations.in_force", Some(0.0)),
            ("normative_documents.issued", Some(1.0)),
            ("normative_documents.repealed", None),
            ("normative_documents.in_force", Some(6.0)),
            ("licensing.decisions", Some(86.0)),
            ("penalty.decisions", Some(12.0)),
        ],
    );
    // Blank cells are warnings, never arithmetic errors.
    assert!(
        r.findings.iter().all(|f| f.rule == "cell.missing"),
        "{:?}",
        r.findings
    );
    // The running header and the "第 N 页 共 M 页" footer are not narrative.
    assert!(!r.other_text.contains("共 2 页"), "{}", r.other_text);
    // The evidence is the ruled row, blank cells in place, on its page.
    let evidence = r
        .evidence
        .get("requests.denied.third_party.commercial")
        .unwrap();
    assert_eq!(
        evidence.text,
        "| 4.保护第三方合法权益 |  | 1 |  |  |  |  | 1 |"
    );
    assert_eq!(evidence.page, Some(1));
    assert_eq!(r.evidence.get("review.total").unwrap().page, Some(2));
}

/// The same report drawn with no ruling lines: a number's column is the
/// column whose centre it stands under (table 3's full rows, table 2's
/// header). Table 4 is one row with no full row or header to place its five
/// numbers under fifteen columns: blank, with a finding, never shifted.
#[test]
fn a_pdf_table_without_rules_places_numbers_by_where_they_stand() {
    let r = parse("tests/fixtures/pdf_2023_unruled.pdf");
    let ruled = parse("tests/fixtures/pdf_2023_gbk.pdf");
    for (key, value) in &ruled.stats {
        let got = r.stats.get(key);
        if key.starts_with("review.") || key.starts_with("litigation") {
            assert_eq!(got, Some(&None), "{key}");
        } else {
            assert_eq!(got, Some(value), "{key}");
        }
    }
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "cell.ambiguous")
        .expect("table 4 left blank with a finding");
    assert_eq!(f.keys.len(), 15);
    assert!(f.message.contains("4 numbers (1 1 1 1)"), "{}", f.message);
}

/// docx_2023.docx exported to PDF by LibreOffice (make_lo_pdf.sh): every
/// cell ruled, and row labels wrapping over several lines in narrow cells
/// (`1.属` / `于国` / `家秘` / `密`), the numbers on the first. Rows are the
/// bands between the row rules. The PDF twin must read as the Word file.
#[test]
fn a_libreoffice_pdf_export_reads_as_its_word_original() {
    let pdf = parse("tests/fixtures/pdf_2023_libreoffice.pdf");
    let docx = parse("tests/fixtures/docx_2023.docx");
    assert_eq!(pdf.format, Format::Pdf);
    assert_eq!(pdf.stats, docx.stats);
    assert_eq!(pdf.body, docx.body);
    assert_eq!(pdf.year, docx.year);
    assert_eq!(pdf.template, docx.template);
    assert_eq!(pdf.findings, docx.findings);
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    for (p, d) in pdf.sections.iter().zip(&docx.sections) {
        assert_eq!(p.number, d.number);
        assert_eq!(squeeze(&p.text), squeeze(&d.text), "section {}", p.number);
    }
    assert_eq!(pdf.sections.len(), docx.sections.len());
    // A wrapped row's evidence is the whole row, on its page.
    let e = pdf
        .evidence
        .get("requests.denied.state_secret.total")
        .unwrap();
    assert!(e.text.contains("1.属于国家秘密"), "{}", e.text);
    assert_eq!(e.page, Some(2));
}

/// word_portal_2022.html (Word-exported: header spans unlike the rows') as
/// LibreOffice saves it to .docx and exports that to PDF: there a page cuts
/// table 3 between its header and its rows (the grid carries over the page
/// break), header labels stand one character a line (`自` / `然人` across two
/// header rows), cell borders are drawn cell by cell, and a page cuts a row
/// between its numbers and the rest of its label. Both read as the page does.
#[test]
fn twins_of_a_word_made_page_read_as_the_page() {
    let html = parse("tests/fixtures/word_portal_2022.html");
    for twin in [
        "tests/fixtures/docx_2022_from_html.docx",
        "tests/fixtures/pdf_2022_from_html.pdf",
    ] {
        let r = parse(twin);
        assert_eq!(r.stats, html.stats, "{twin}");
        assert_eq!(r.body, html.body, "{twin}");
        assert_eq!(r.year, html.year, "{twin}");
        assert_eq!(r.template, html.template, "{twin}");
        assert_eq!(r.findings, html.findings, "{twin}");
    }
}

/// The same report with its body text in an Identity-H font (codes are glyph
/// ids, as Chromium and WPS write them), not embedded, read only through its
/// ToUnicode map (make_pdf_gbk.py): it reads as the GBK-coded file does.
#[test]
fn a_pdf_in_an_identity_h_font_reads_through_its_tounicode() {
    let identity = parse("tests/fixtures/pdf_2023_identity.pdf");
    let gbk = parse("tests/fixtures/pdf_2023_gbk.pdf");
    assert_eq!(identity.format, Format::Pdf);
    assert_eq!(identity.stats, gbk.stats);
    assert_eq!(identity.body, gbk.body);
    assert_eq!(identity.year, gbk.year);
    assert_eq!(identity.findings, gbk.findings);
    assert_eq!(identity.sections, gbk.sections);
}

/// Every statistic of every seed and fixture says where it was read
/// (SCHEMA.md `evidence`): the line, and the cell or the PDF page where the
/// format has them.
#[test]
fn every_statistic_of_the_seeds_and_fixtures_has_evidence() {
    let root = common::root();
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for dir in ["sample-data", "tests/fixtures"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() {
                files.push(p);
            }
        }
    }
    let (mut stats, mut read) = (0, 0);
    for p in &files {
        // A scan or an encrypted PDF is refused: nothing to place.
        let Ok(r) = xxgk_core::read_file(p) else {
            continue;
        };
        read += 1;
        for key in r.stats.keys() {
            stats += 1;
            let row = r
                .evidence
                .get(key)
                .unwrap_or_else(|| panic!("{}: {key} has no evidence", p.display()));
            assert!(
                row.line > 0 && !row.text.trim().is_empty(),
                "{}: {key}",
                p.display()
            );
            if r.format == xxgk_core::model::Format::Pdf {
                assert!(
                    row.page.is_some() && row.bbox.is_some(),
                    "{}: {key}",
                    p.display()
                );
            }
        }
    }
    assert!(
        read >= 25 && stats > 5_000,
        "{read} files, {stats} statistics"
    );
}
