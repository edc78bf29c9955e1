//! The five seed reports, built into the binary so a fresh `xxgk` works from any folder.

pub const SAMPLES: &[(&str, &[u8])] = &[
    (
        "000_6e7f8a5bff4cbb9a.txt",
        include_bytes!("../sample-data/000_6e7f8a5bff4cbb9a.txt"),
    ),
    (
        "001_c011582259751f09.txt",
        include_bytes!("../sample-data/001_c011582259751f09.txt"),
    ),
    (
        "002_45eff0c929365845.txt",
        include_bytes!("../sample-data/002_45eff0c929365845.txt"),
    ),
    (
        "003_b1e4d1b1a7fab809.txt",
        include_bytes!("../sample-data/003_b1e4d1b1a7fab809.txt"),
    ),
    (
        "004_007e7273948ea30e.txt",
        include_bytes!("../sample-data/004_007e7273948ea30e.txt"),
    ),
];
