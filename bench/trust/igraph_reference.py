"""Reference timings from python3-igraph for the Kith trust benchmark.

Usage: igraph_reference.py EDGES.csv SCORES_OUT.csv DAMPING [EXTRA_EDGES.csv EXTRA_SCORES_OUT.csv]

Reads the same `source,target,weight` edge list that Kith reads, times weighted directed
PageRank (PRPACK) and community_multilevel on the undirected collapsed graph, writes the
PageRank scores as `member,trust`, and prints one JSON object of timings on stdout. With an
extra edge file it also times PageRank on the graph with those ties added (so that Kith's
warm recompute can be compared against igraph's cold time on the same graph).
Only the igraph calls are timed, in wall-clock and CPU seconds; reading the CSV and building
the Graph are reported apart.
"""
import csv
import json
import sys
import time

import igraph


def read_edges(path, index, names, edges, weights):
    with open(path, newline="") as f:
        reader = csv.reader(f)
        next(reader)
        for row in reader:
            ends = []
            for name in (row[0], row[1]):
                i = index.get(name)
                if i is None:
                    i = len(names)
                    index[name] = i
                    names.append(name)
                ends.append(i)
            edges.append((ends[0], ends[1]))
            weights.append(float(row[2]))


def pagerank(names, edges, weights, damping, out_path):
    t0 = time.perf_counter()
    g = igraph.Graph(n=len(names), edges=edges, directed=True)
    g.es["weight"] = weights
    build = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    scores = g.pagerank(weights="weight", damping=damping, directed=True, implementation="prpack")
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    with open(out_path, "w") as f:
        f.write("member,trust\n")
        for name, s in zip(names, scores):
            f.write(f"{name},{s!r}\n")
    return g, build, seconds, cpu


def main():
    edges_path, scores_path, damping = sys.argv[1], sys.argv[2], float(sys.argv[3])
    index, names, edges, weights = {}, [], [], []
    t0 = time.perf_counter()
    read_edges(edges_path, index, names, edges, weights)
    read = time.perf_counter() - t0
    g, build, pr, pr_cpu = pagerank(names, edges, weights, damping, scores_path)
    t0 = time.perf_counter()
    u = g.as_undirected(mode="collapse", combine_edges={"weight": "sum"})
    collapse = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    clusters = u.community_multilevel(weights="weight")
    louvain, louvain_cpu = time.perf_counter() - t0, time.process_time() - c0
    result = {
        "members": len(names),
        "ties": len(edges),
        "readSeconds": read,
        "buildSeconds": build,
        "pagerankSeconds": pr,
        "pagerankCpuSeconds": pr_cpu,
        "collapseSeconds": collapse,
        "louvainSeconds": louvain,
        "louvainCpuSeconds": louvain_cpu,
        "louvainModularity": clusters.modularity,
        "louvainCommunities": len(clusters),
    }
    if len(sys.argv) > 5:
        del g, u
        read_edges(sys.argv[4], index, names, edges, weights)
        _, _, pr2, pr2_cpu = pagerank(names, edges, weights, damping, sys.argv[5])
        result["pagerankExtraSeconds"] = pr2
        result["pagerankExtraCpuSeconds"] = pr2_cpu
    print(json.dumps(result))


if __name__ == "__main__":
    main()
