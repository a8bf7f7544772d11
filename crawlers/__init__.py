"""crawlers stage of cloudcredit: Scrapy spiders driven by per-site configs, writing to the store."""
