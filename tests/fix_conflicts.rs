//! No two findings may suggest contradictory fixes at one spot: the full default rule set over
//! every fixture, the seeds and texts that put several rules' defects on the same characters.
//! The known pairs are combined by `overlap::combine`; `overlap::withdraw` (which takes back
//! conflicting fixes) must have nothing left to do here.

use std::path::{Path, PathBuf};

use gwlint::config::{self, RuleFilter, Settings};
use gwlint::document::{Document, SourceKind};
use gwlint::engine::overlap;

/// Texts where the defects of several rules meet.
const MEETINGS: &[&str] = &[
    "增长10-20%，投资3-5亿元，增速10~20%，补助10至20%，占比4.5-5%，比重*-*%。",
    "增长10—20%，投资3～5亿元，增速１０-２０%，补助１３－１７万元，降低5〜8‰。",
    "规划期为2021--2025年，2021-2025年，２０２１—２０２５年，1-2月份。",
    "他说...然后,,离开。要求.。落实;;推进::完成!!好吗??是的,。",
    "加强\"双招双引\"工作，落实“放管服\"改革，推进\"一带一路”建设。",
    "“他说'放管服'改革”，拨打\"12345\"热线，时长5'30\"，这是don't。",
    "（详见附件)，(详见附件），《“十四五\"规划》，\"十四五”。",
    "全年增长１０.５%，达到１２３４５万元，第３-５项。",
    "一、\"十四五\"时期主要目标\n（一）加强\"双招双引\",确保落实.\n1.稳增长,促改革。",
    "    用*—*年的时间，连续3-5年，增长10-20个百分点，约10-20%左右。",
    "于２０２１-01-05印发，2021.1.5召开，２０２１年１月５日，2021年1-3月，１-３月份。",
    "加强 , 确保落实 . 推进\u{3000},工作。。。完成，，，任务、、以及（（说明））。",
    "\"双招双引\"、\"放管服\"等，《意见》、《通知》等，“一带一路”、\"双碳\"等。",
    "约10-20万人左右，近3-5亿元以上，增长约5-8%左右，第1-2季度。",
    "详见第（1)项和（2）项，按照(一)、(二)执行，(３)加强。",
    "全年为１０%-２０%，人均３～５万元，时间为2021~2025年，2021-22年度。",
];

fn settings() -> Settings {
    config::load(None, &RuleFilter::default()).unwrap()
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e == "txt" || e == "md" || e == "docx")
        {
            out.push(path);
        }
    }
}

/// The conflicting pairs left after combining, described for the failure message.
fn leftover(settings: &Settings, name: &str, doc: &Document) -> Vec<String> {
    let mut findings = gwlint::run_rules(settings, doc);
    overlap::combine(doc, &mut findings);
    overlap::conflicts(&findings)
        .into_iter()
        .map(|(i, j)| {
            let (a, b) = (&findings[i], &findings[j]);
            format!(
                "{name}: {} {:?} {:?} vs {} {:?} {:?}",
                a.rule,
                &doc.text[a.span.clone()],
                a.fix,
                b.rule,
                &doc.text[b.span.clone()],
                b.fix
            )
        })
        .collect()
}

#[test]
fn no_conflicting_fixes_in_fixtures_seeds_and_meetings() {
    let settings = settings();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files(&root.join("tests/fixtures"), &mut paths);
    files(&root.join("seeds"), &mut paths);
    paths.sort();
    let mut problems = Vec::new();
    for path in &paths {
        let source = gwlint::input::load(path, None).unwrap();
        let name = path.strip_prefix(root).unwrap().display().to_string();
        let doc = Document::parse(source.text, source.kind);
        problems.extend(leftover(&settings, &name, &doc));
    }
    for (k, text) in MEETINGS.iter().enumerate() {
        let doc = Document::parse((*text).to_owned(), SourceKind::Text);
        problems.extend(leftover(&settings, &format!("meeting {k}"), &doc));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// `check_document` never hands out conflicting fixes, whatever the rules produce.
#[test]
fn check_document_output_has_no_conflicts() {
    let settings = settings();
    for text in MEETINGS {
        let doc = Document::parse((*text).to_owned(), SourceKind::Text);
        let findings = gwlint::check_document(&settings, &doc);
        assert!(overlap::conflicts(&findings).is_empty(), "{text}");
    }
}

/// `10-20%`: one finding whose fix adds the unit and replaces the connector; each rule alone
/// reports its own defect.
#[test]
fn range_with_unit_and_connector_is_one_finding() {
    let text = "增长10-20%，投资3-5亿元，增速10~20%，补助10至20%。";
    let doc = Document::parse(text.to_owned(), SourceKind::Text);
    let apply = |findings: &[gwlint::diagnostic::Finding]| -> String {
        let mut edits: Vec<_> = findings.iter().filter_map(|f| f.fix.clone()).collect();
        edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
        let mut s = text.to_owned();
        for e in edits {
            s.replace_range(e.span, &e.replacement);
        }
        s
    };
    let run = |select: &[&str]| {
        let filter = RuleFilter {
            select: select.iter().map(|s| (*s).to_owned()).collect(),
            ignore: Vec::new(),
        };
        gwlint::check_document(&config::load(None, &filter).unwrap(), &doc)
    };
    let both = run(&["range-separator", "range-unit"]);
    assert_eq!(both.len(), 4, "{both:#?}");
    assert!(both.iter().all(|f| f.rule == "range-unit"));
    assert_eq!(
        apply(&both),
        "增长10%～20%，投资3亿～5亿元，增速10%～20%，补助10%至20%。"
    );
    assert!(
        both[0].message.contains("“10-20%”→“10%～20%”"),
        "{}",
        both[0].message
    );
    let unit = run(&["range-unit"]);
    assert_eq!(
        apply(&unit),
        "增长10%-20%，投资3亿-5亿元，增速10%~20%，补助10%至20%。"
    );
    let sep = run(&["range-separator"]);
    assert_eq!(
        apply(&sep),
        "增长10～20%，投资3～5亿元，增速10～20%，补助10至20%。"
    );
}

/// A repeated marker written in a non-standard form (`2、` twice): one renumbering finding whose
/// fix has the new number in the standard form.
#[test]
fn renumbered_marker_in_standard_form() {
    let text = "一、工作措施\n1、加强组织领导。\n2、完善工作机制。\n2、强化督促检查。\n";
    let doc = Document::parse(text.to_owned(), SourceKind::Text);
    let findings = gwlint::check_document(&settings(), &doc);
    let at_line4: Vec<_> = findings
        .iter()
        .filter(|f| doc.lines.line_of(f.span.start) == 4)
        .collect();
    assert_eq!(at_line4.len(), 1, "{at_line4:#?}");
    assert_eq!(at_line4[0].rule, "duplicate-number");
    assert_eq!(at_line4[0].fix.as_ref().unwrap().replacement, "3.");
}
