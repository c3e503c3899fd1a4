//! Batch throughput (issue: many reports at once): 1,000 reports rendered from corpus values in
//! the official layout, each with one pseudo-random cell changed, checked on 1 and 2 threads.

#[path = "../tests/common/render.rs"]
#[allow(dead_code)]
mod render;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde_json::json;

const SOURCES: &[(&str, u32)] = &[
    ("shuangyashan-2021", 2021),
    ("001", 2021),
    ("002", 2019),
    ("006", 2024),
    ("022", 2025),
    ("025", 2019),
];

fn reports() -> Vec<String> {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let loaded: Vec<_> = SOURCES
        .iter()
        .map(|(n, y)| (render::load_expected(n), *y))
        .collect();
    (0..1000)
        .map(|i| {
            let ((format, cells), year) = &loaded[i % loaded.len()];
            let keys = render::format_keys(format);
            let key = keys[(next() as usize) % keys.len()];
            let mut cells = cells.clone();
            cells.insert(key.to_string(), json!((next() % 50) as i64));
            render::render_html(format, *year, "某市某局", &cells)
        })
        .collect()
}

fn check_on(threads: usize, reports: &[String]) -> usize {
    let chunk = reports.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = reports
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    part.iter()
                        .map(|r| nianbao::check_html(r).findings.len())
                        .sum::<usize>()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    })
}

fn bench(c: &mut Criterion) {
    let reports = reports();
    let mut group = c.benchmark_group("batch-1000");
    group.sample_size(10);
    group.throughput(Throughput::Elements(reports.len() as u64));
    for threads in [1, 2] {
        group.bench_function(format!("{threads}-thread"), |b| {
            b.iter(|| check_on(threads, &reports))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
