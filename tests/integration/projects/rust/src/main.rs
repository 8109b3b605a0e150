// A Rust program that uses std's threads, fs, env and time: links against
// glibc through std, so the binary needs what the build machine's glibc has.
use std::{env, fs, sync::mpsc, thread, time::Instant};

fn main() {
    let start = Instant::now();
    let (tx, rx) = mpsc::channel();
    let handles: Vec<_> = (1..=4u64)
        .map(|i| {
            let tx = tx.clone();
            thread::spawn(move || tx.send(i * i).unwrap())
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    drop(tx);
    let sum: u64 = rx.iter().sum();
    println!("threads: sum of squares {}", sum);

    let dir = env::temp_dir().join(format!("symcc-rust-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let file = dir.join("hello.txt");
    fs::write(&file, "hello from rust\n").unwrap();
    let meta = fs::metadata(&file).unwrap();
    println!("fs: {} bytes, is_file {}, read back {:?}", meta.len(), meta.is_file(),
             fs::read_to_string(&file).unwrap().trim());
    let mut names: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();
    println!("fs: read_dir {:?}", names);
    fs::remove_dir_all(&dir).unwrap();

    println!("env: SYMCC_RUST_TEST={}", env::var("SYMCC_RUST_TEST").unwrap_or_default());
    println!("env: args {}", env::args().count());
    println!("time: monotonic {}", start.elapsed().as_secs() < 60);
}
