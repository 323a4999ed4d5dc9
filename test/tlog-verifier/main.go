// Command tlog-verifier checks a chipreg transparency log with Go's own implementation of the
// specifications (golang.org/x/mod/sumdb/note and golang.org/x/mod/sumdb/tlog), not chipreg's code:
// the checkpoint signature, the tree rebuilt from tiles, the inclusion of a certificate, and the
// consistency of an older checkpoint with the current one.
//
// Build offline against Debian's golang-golang-x-mod-dev:
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o tlog-verifier .
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

var prefix string

func fail(format string, args ...interface{}) {
	fmt.Printf("FAIL: "+format+"\n", args...)
	os.Exit(1)
}

func get(path string) []byte {
	res, err := http.Get(prefix + "/" + path)
	if err != nil {
		fail("GET %s: %v", path, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != 200 {
		fail("GET %s: status %d %v", path, res.StatusCode, err)
	}
	return body
}

// tiles reads c2sp.org/tlog-tiles paths: Go's tile paths name the height (tile/8/L/N), the spec's do not.
type tiles struct{}

func (tiles) Height() int                     { return 8 }
func (tiles) SaveTiles([]tlog.Tile, [][]byte) {}
func (tiles) ReadTiles(ts []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(ts))
	for i, t := range ts {
		out[i] = get("tile/" + strings.TrimPrefix(t.Path(), "tile/8/"))
	}
	return out, nil
}

// openCheckpoint verifies a signed checkpoint (c2sp.org/tlog-checkpoint) and parses its body.
func openCheckpoint(msg []byte, verifier note.Verifier) (string, tlog.Tree) {
	n, err := note.Open(msg, note.VerifierList(verifier))
	if err != nil {
		fail("checkpoint signature: %v", err)
	}
	lines := strings.SplitN(n.Text, "\n", 4)
	if len(lines) < 4 {
		fail("checkpoint body has fewer than three lines")
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		fail("checkpoint size: %v", err)
	}
	root, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(root) != tlog.HashSize {
		fail("checkpoint root hash: %v", err)
	}
	var h tlog.Hash
	copy(h[:], root)
	return lines[0], tlog.Tree{N: size, Hash: h}
}

func entry(index int64, size int64) []byte {
	n := index / 256
	width := size - n*256
	path := fmt.Sprintf("tile/entries/%s", strings.TrimPrefix(tlog.Tile{H: 8, L: 0, N: n, W: 256}.Path(), "tile/8/0/"))
	if width < 256 {
		path += fmt.Sprintf(".p/%d", width)
	}
	bundle := get(path)
	for i := int64(0); ; i++ {
		if len(bundle) < 2 {
			fail("entry bundle %d ends before entry %d", n, index)
		}
		l := int(binary.BigEndian.Uint16(bundle))
		if len(bundle) < 2+l {
			fail("entry bundle %d is truncated", n)
		}
		if n*256+i == index {
			return bundle[2 : 2+l]
		}
		bundle = bundle[2+l:]
	}
}

func main() {
	url := flag.String("url", "", "registry base URL (the log is at <url>/tlog)")
	vkey := flag.String("vkey", "", "note verifier key of the log")
	oldFile := flag.String("old", "", "an earlier checkpoint to prove consistency with")
	certFile := flag.String("cert", "", "a signed certificate whose issuance must be in the log")
	flag.Parse()
	prefix = strings.TrimRight(*url, "/") + "/tlog"
	verifier, err := note.NewVerifier(*vkey)
	if err != nil {
		fail("verifier key: %v", err)
	}

	origin, tree := openCheckpoint(get("checkpoint"), verifier)
	fmt.Printf("ok checkpoint signature: %s size %d\n", origin, tree.N)

	hr := tlog.TileHashReader(tree, tiles{})
	root, err := tlog.TreeHash(tree.N, hr)
	if err != nil || root != tree.Hash {
		fail("tree built from tiles: %v (root %v, checkpoint %v)", err, root, tree.Hash)
	}
	fmt.Printf("ok tree from tiles: root %s\n", root)

	if *oldFile != "" {
		msg, err := os.ReadFile(*oldFile)
		if err != nil {
			fail("%v", err)
		}
		oldOrigin, old := openCheckpoint(msg, verifier)
		if oldOrigin != origin {
			fail("old checkpoint is of %s", oldOrigin)
		}
		proof, err := tlog.ProveTree(tree.N, old.N, hr)
		if err != nil {
			fail("consistency proof from tiles: %v", err)
		}
		if err := tlog.CheckTree(proof, tree.N, tree.Hash, old.N, old.Hash); err != nil {
			fail("consistency %d -> %d: %v", old.N, tree.N, err)
		}
		fmt.Printf("ok consistency: size %d -> %d\n", old.N, tree.N)
	}

	if *certFile != "" {
		raw, err := os.ReadFile(*certFile)
		if err != nil {
			fail("%v", err)
		}
		var cert struct {
			Certificate map[string]interface{} `json:"certificate"`
			Log         struct {
				Index          int64    `json:"index"`
				Checkpoint     string   `json:"checkpoint"`
				InclusionProof []string `json:"inclusionProof"`
			} `json:"log"`
		}
		if err := json.Unmarshal(raw, &cert); err != nil {
			fail("certificate: %v", err)
		}
		id := cert.Certificate["id"]
		leaf := entry(cert.Log.Index, tree.N)
		var event map[string]interface{}
		if err := json.Unmarshal(leaf, &event); err != nil {
			fail("entry %d is not JSON: %v", cert.Log.Index, err)
		}
		if event["action"] != "certification.issue" || event["entity"] != fmt.Sprintf("certification:%v", id) {
			fail("entry %d is %v of %v, not the issuance of %v", cert.Log.Index, event["action"], event["entity"], id)
		}
		// encoding/json sorts object keys; without HTML escaping it gives the RFC 8785 form of these values.
		var body bytes.Buffer
		enc := json.NewEncoder(&body)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(cert.Certificate); err != nil {
			fail("%v", err)
		}
		sum := sha256.Sum256(bytes.TrimSuffix(body.Bytes(), []byte("\n")))
		if event["payloadHash"] != hex.EncodeToString(sum[:]) {
			fail("the logged issuance commits to another certificate body")
		}
		proof, err := tlog.ProveRecord(tree.N, cert.Log.Index, hr)
		if err != nil {
			fail("inclusion proof from tiles: %v", err)
		}
		if err := tlog.CheckRecord(proof, tree.N, tree.Hash, cert.Log.Index, tlog.RecordHash(leaf)); err != nil {
			fail("inclusion of entry %d: %v", cert.Log.Index, err)
		}
		fmt.Printf("ok inclusion of %v at index %d in the current tree\n", id, cert.Log.Index)

		// The proof the certificate carries, against the checkpoint it carries.
		_, atIssue := openCheckpoint([]byte(cert.Log.Checkpoint), verifier)
		var carried tlog.RecordProof
		for _, h := range cert.Log.InclusionProof {
			b, err := base64.StdEncoding.DecodeString(h)
			if err != nil || len(b) != tlog.HashSize {
				fail("carried proof hash: %v", err)
			}
			var hh tlog.Hash
			copy(hh[:], b)
			carried = append(carried, hh)
		}
		if err := tlog.CheckRecord(carried, atIssue.N, atIssue.Hash, cert.Log.Index, tlog.RecordHash(leaf)); err != nil {
			fail("the certificate's own inclusion proof: %v", err)
		}
		fmt.Printf("ok certificate's own proof against its checkpoint of size %d\n", atIssue.N)
	}
}
