"""Scheduled jobs: a job file names sources, archive, limits and exports; each run does what is new."""

from cleaner.jobs.jobfile import Job, JobFileError, load_job
from cleaner.jobs.run import run_job

__all__ = ["Job", "JobFileError", "load_job", "run_job"]
