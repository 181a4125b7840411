import Corpus
import CXLSXWriter
