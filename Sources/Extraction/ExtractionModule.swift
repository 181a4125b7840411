import ArabicText
import Corpus
