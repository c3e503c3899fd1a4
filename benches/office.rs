//! Time to read and check a report from each kind of office file (issue 5): the sample and the
//! published 025 page, as .docx, .doc and .pdf made by LibreOffice, against their HTML.
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/office");
    let mut group = c.benchmark_group("office");
    for name in ["shuangyashan-2021", "real-025"] {
        for ext in ["html", "docx", "doc", "pdf"] {
            let path = match name.strip_prefix("real-") {
                Some(n) if ext == "html" => format!("{dir}/../corpus/{n}.html"),
                _ => format!("{dir}/{name}.{ext}"),
            };
            let bytes = std::fs::read(&path).unwrap();
            let file = format!("{name}.{ext}");
            group.bench_function(&file, |b| b.iter(|| nianbao::check_bytes(&bytes, &file)));
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
