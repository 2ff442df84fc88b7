package source

import (
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// prefetcher decodes tree objects on a few goroutines, ahead of the walk
// that consumes them in order.
type prefetcher struct {
	queue chan *future
	wg    sync.WaitGroup
	// readers holds one object reader per goroutine; own is the
	// repository's, used only by the walking goroutine.
	readers []storer.EncodedObjectStorer
	own     storer.EncodedObjectStorer
	stop    chan struct{}
}

// future is one tree being decoded.
type future struct {
	hash plumbing.Hash
	done chan struct{}
	tree *object.Tree
	err  error
}

func (f *future) wait() (*object.Tree, error) {
	<-f.done
	return f.tree, f.err
}

func newPrefetcher(r *Repo, workers int) *prefetcher {
	p := &prefetcher{queue: make(chan *future, 1<<12), stop: make(chan struct{})}
	p.own = r.git.Storer
	// The repository's own storage is idle during the walk: it is the first
	// reader. Each further one pays for reading the pack index again.
	if workers > 0 {
		p.readers = append(p.readers, p.own)
	}
	for i := 1; i < workers; i++ {
		p.readers = append(p.readers, newStorage(r.fs))
	}
	for _, rd := range p.readers {
		p.wg.Add(1)
		go func(rd storer.EncodedObjectStorer) {
			defer p.wg.Done()
			for {
				select {
				case f := <-p.queue:
					f.tree, f.err = object.GetTree(rd, f.hash)
					close(f.done)
				case <-p.stop:
					return
				}
			}
		}(rd)
	}
	return p
}

// request schedules a tree for decoding. It waits when the queue is full:
// the readers never wait for the walk, so they drain it.
func (p *prefetcher) request(h plumbing.Hash) *future {
	f := &future{hash: h, done: make(chan struct{})}
	if len(p.readers) == 0 {
		f.tree, f.err = object.GetTree(p.own, h)
		close(f.done)
		return f
	}
	p.queue <- f
	return f
}

func (p *prefetcher) close() {
	close(p.stop)
	p.wg.Wait()
	for _, rd := range p.readers {
		if rd == p.own {
			continue
		}
		if c, ok := rd.(interface{ Close() error }); ok {
			_ = c.Close()
		}
	}
}
