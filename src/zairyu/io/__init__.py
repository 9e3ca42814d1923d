"""Read and write caseloads (CSV, Excel, Parquet, JSON Lines) with row-level errors."""
