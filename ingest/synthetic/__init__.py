"""The parts of the demo-data generator (:func:`ingest.generate.generate`).

Its vocabularies (names, titles, products, subjects…) are data files of this
package, read by :mod:`~ingest.synthetic.vocabulary`; :mod:`~ingest.synthetic.world`
draws the companies, :mod:`~ingest.synthetic.people` their people,
:mod:`~ingest.synthetic.trade` what they sell and buy, and
:mod:`~ingest.synthetic.interactions` who meets, calls and writes whom.
"""
