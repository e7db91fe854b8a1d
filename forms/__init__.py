"""The domain of nianbao: editions, the report, checks, files and documents. Free of Qt."""
