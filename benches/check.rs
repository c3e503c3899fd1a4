//! Time to check each corpus report (read + match + rules), from bytes.
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/corpus");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "html")))
        .collect();
    files.sort();
    let mut group = c.benchmark_group("check");
    for p in files {
        let bytes = std::fs::read(&p).unwrap();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        group.bench_function(&name, |b| b.iter(|| nianbao::check_bytes(&bytes, &name)));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
